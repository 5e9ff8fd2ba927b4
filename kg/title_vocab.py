"""Office-title words generated from the snapshot's positions by ``python -m kg.link.vocab``:
do not edit by hand (see kg/link/vocab.py)."""

GENERATED_HEADS = frozenset("""
administrator advisor ambassador assistant chair chairman chairperson chancellor charge chief
commander commander-in-chief commissioner delegate director director-general general governor
head inspector justice king lady leader manager marshal mayor member minister minister-president
monarch plenipotentiary premier president representative secretary secretary-general speaker
spokesperson under-secretary vice-president
""".split())

GENERATED_TITLE_WORDS = frozenset("""
abductions abia abinka abkhazia aboriginal abroad abruzzo absorption abuse academy accident
account accountant accounts act acting action activities adamawa adaptation addictions
administration administrations administrator advancement adviser advisers advisor adygea
aerospace affairs afghan again against aged ageing agencies agency agenda agong agrarian agri
agri-food agri-innovation agricultural agriculture ahmedabad aichi aid aide air aircraft
akciabrski akita akwa al-qassim alessandria aliova alleviation altai alternate ambassador
americas amir amur anambra andalusia andaman andhealth animal ankovi antimonopoly aomori aosta
apprenticeships apulia aquila aragon architecture arctic arezzo armed arms army arts artsakh
ascoli asia asian asipovi asir assembly assets assistant assisting associate asti asturias
asylum atlantic atomic attorney attorney-general auditor australians automotive autonomies
avellino aviation avusy ayush babrujsk baja balearic balochistan baltistan banca banque baranavi
barletta barletta-andria-trani barysa bashkortostan basilicata basque bauchi bayelsa belgian
belgians benefit benefits benevento benue between bhavnagar bialaru bialyni biaroza bie biella
bierazino bioclimatic biodiversity birthrate bissau blekinge blocks board border borders borno
brabant brazilian brescia brest brexit brianza brindisi brisbane broadband broadcasting
brussels-capital buda buda-ka budget building building-materials bureau buryatia busan business
businesses bytom cabinet caixa campania campeche campidano campobasso canadian cantabria
capacities capitalism captain carabinieri carbonia carbonia-iglesias care carrara castile
castile-la catalonia caused censorship ceo cesena ceuta chair chairman chairperson challenge
chamber chancellery chancellor chandigarh change charge charities chechen chemical chemicals
cherepovets chiba chief chiefs chieti chihuahua child childcare childhood children chinese
chocimsk chojniki chukotka chungcheong chuvash cia cis cities citizen citizens citizenship civic
civil civilian class clean climate co-operation co-ordination co-prince coal cohesion cohesive
colonies commandant commander commander-in-chief commanding commerce commercial commission
commissioner committee commons communal communication communications communist communities
community como compensation competition competitiveness compliance comprehensive comptroller
conference congress conservation constitution constitutional construction consular consultative
consumer consumers control cool cooperation cooperative coordination coordinator coronavirus
corporate corporation corps correctional corrections corruption council councillors councilor
counsel counselor counter countering court courts covid creative credit crime crimea crisis
cross crotone crown crown-indigenous crude cultural culture cuneo cusio customs cybersecurity
cycle cypriot dadra daegu dagestan dairying dalarna damage daman darohi darwin data deal
decentralisation decentralization decline declining decommissioning defence defense deflation
delegate delivery delta democracy department deployment deputies deputy dermanland development
devolution di-pertuan diaspora digital digitalisation digitization director director-general
directorate disabilities disability disabled disarmament disaster discernment disease
distribution districts diu diversification diversity diyarbak dnipropetrovsk dok domestic
dominion downing drenthe drink drug druk drybin duchy duke duma duties dz dziatlava early ebonyi
ecological ecology econ economic economy edo education educational efficiency egyptian ehime
ekiti elderly election electoral electric electricity electronics emergencies emergency
emigration emilia-romagna emir emissions emperor employed employee employment empowerment
endowment energy enforcement engagement enterprise enterprises entrepreneurship enugu
environment environmental envoy episcopal equal equalities equality equipment eryka ethnic eu
eurasian euro euro-atlantic europe european examination exchequer exclusion execution executive
exiting expatriates expediency experts exploitation expo export exports external extraction
extremadura extremism facilitation fair faisalabad faith families family far farmers farming
fatherland fbi federative fertilizers fight finance finances financial finnish fire first fiscal
fisheries flanders flemish flevoland foggia food force forces foreign forensic forestry forests
forl foundation francophonie frankivsk free freight fremantle friesland friuli friuli-venezia
front frontier fuel fujian fukui fukuoka fukushima fundamental funds further future gagauzia
galicia galilee gambling games garden gas gauteng gaziantep gelderland gender general
generalitat geology georgian german-speaking gifu gilgit gilgit-baltistan giulia go gold goods
gotland governance governing government governmental governor governor-general grand green
groningen grosseto growth grudzi guanajuato guangzhou guard guardian guidance guizhou gunma
gyalpo gyeonggi gyeongsang hajj hajna halland handicrafts harad haradok haveli head heads health
healthcare heavy hebei heritage high higher highways hiroshima hlusk hlybokaje hobart hokkaid
hokkaido home homeland homelessness homie horki house housing hrodna human humanitarian humber
hungarian husbandry hy hyderabad ibaraki ibom ict idps iglesias immigrant immigration imo impact
imperia incheon inclusion inclusive independence indigenous indo indo-pacific industrial
industries industry information informational informatization infrastructure infrastructures
ingushetia initiative initiatives innovation innovations inspector institute institutional
institutions insurance integration intellectual intelligence inter inter-governmental
inter-provincial inter-services intergovernmental interior internal international into
investigation investigative investment iraqi irrigation isernia isfahan ishikawa isolation issue
issues ita ivanava ivano ivano-frankivsk iwate izhevsk jal jammu je jeju jeolla jigawa jihad
jilin joint judge junta justice kaduna kagawa kagoshima kaliningrad kalinkavi kalmykia kaluga
kamieniec kanagawa kano kapy karachi kareli karma kasciukovi katsina kemerovo khabarovsk khanty
khanty-mansi khorasan khyber kim king kira kirov kirovohrad klieck klo knesset kobryn kogi
kohtla korean krasnapollie krasnodar kremlin kronoberg kruhlaje krupki kumamoto kurdistan kursk
kwara kwazulu kwazulu-natal kyoto labor labour ladakh lady lagos lahojsk lahore lakshadweep
lancaster lands landscape languages latina law lazio leader legal legislation legislative
levelling liachavi liaison liaoning liberties lichtenstein lida lieutenant lieutenant-governor
life light liguria limpopo liuba living lobin local lodi logistics lok lombardy loneliness lord
lords lucca lugansk luhansk macerata machine machine-building mahilio maintenance makkah
maladzie malaryta malatya malo management manager managing mancha manpower mansi mantua
manufacturing mari marine maritime marketing markets marshal martyrs mass massa-carrara
materials materiel matters mayor mayor-president mazhilis mazyr means measures medical medina
medio medium medium-sized melbourne melilla melitopol member mental metal mica micro middle
midlands mie migration military mineral minerals mines minin mining minister minister-president
ministers ministry minorities minority minster mission missions mitigating miyagi miyazaki
mobility modena modern molise monarch monarchy mordovia mossad mpumalanga mscisla mtland mu
multan multicultural multiculturalism multilingualism municipalities munitions murcia murmansk
murray nagano nagar nagasaki nara narcotics naro narodowy narva nasarawa natal nation national
nationals nations native nato natural nature navahrudak naval navapolack navarre navy
nederlandsche negev neighbourhood nenets ngwenyama niamey niasvi nicobar nigerian niigata
nitrogen nordic norrbotten north-korea norwegian novel nuclear number nur occupational oceans
oecd office official ogliastra ogun oil okayama okinawa okrug olbia olbia-tempio olympic
olympics ombudsman ondo operation operations opportunities opportunity opposition ordination
organisation organization organizations organized orhei orientation osaka osce ossetia ossola
osun oulu overcoming overijssel oyo pacific pakhtunkhwa pakistanis paks panchayati paralympic
parks parliament parliamentary parma participation party patient patriots pavia paymaster
peaceful pensions periphery permanent personal personnel persons pertuan perugia pesaro pescara
petroleum phillipines piacenza piceno piedmont plan planning plant plateau plenipotentiary
polack police policies policing policy polish political polski pontifical pope population
pordenone portfolio ports post posts potenza poverty power powerhouse prato prefecture premier
preparedness presidency president presidential presidium press preventing prevention price
prices primary prime primorsky principal priority prisons privacy private privatization privy
processing procurement production productive program prohibition promoting promotion property
prosecutions prosecutor prosecutor-general prosperity protection provincial pru pskov public
puchavi puducherry purposes putting qassim qinghai quality quality-of-life queen quintana racing
rada radom raha rail railways raj rajya rasony ravenna rawalpindi rebro rebuilding
reconciliation reconstruction recovery recreation recruiter recruitment reduction reform reforms
refugees regent regional regionalisation regions regulation regulations regulatory reintegration
related relations religious remembrance renewable renewal representative representatives
research reserve resettlement resilience resource resources response responsibility responsible
respublic reunification revenue revenues revitalization revival revolutionary rieti rights
riigikogu riksbank riksdag rioja river rivers rmland rnak road roads romagna roo rough rovigo
royal ryazan sabha saeima safeguarding safety saga saitama sakha sakhalin salerno salihorsk sami
sanitation saratov sardinia scheme school schools science sciences scientific scotland sea
seafood seal second secondary secret secretariat secretary secretary-general sector sectors
security seimas sejm sejong self self-employed senate senior seniors service services
settlements sevastopol shaanxi shakti shiga shimane shipbuilding shipping shizuoka sianno sicily
signals simplification sindh situations sized skill skills sla sleeping sluck smaliavi small
smarho smes social society sokoto solicitor solidarity solidary somaliland space spanish spatial
speaker speaking spokeperson spokesman spokesperson sport sports srpska staff stanbul
standardization startups staryja statistics status steel sterbotten sterg sternorrland stmanland
storting strategic strategy street strengthening substance suicide sultan superannuation
superintendent superior supervision supply support supreme sustainability sustainable sverdlovsk
sveriges svisla svr swedish sydney system tabasco taipei tala taland taoiseach taraba tax taxes
technological technologies technology tekirda telecommunication telecommunications tempio
temporarily teramo terni territorial terrorism textiles third thiruvananthapuram tibet tibetan
tland tne tochigi tokushima tomsk tottori tourism town toyama trade traditional training trani
transformation transition transnistria transparency transport transportation transports
treasurer treasury trentino trentino-south tribal trondheim turkish tuscany tuva two tyrol
tyumen udmurt ue ulsan ulyanovsk umbria umilina umrah un unayzah under under-secretary
under-secretary-general undersecretary unesco unit universal universities up uppsala urban-rural
urbanisation urbino use utilities vaccinations vaccine valenciana valentia valo vancouver
varanasi veneto venezia verbano verbano-cusio-ossola vercelli verkhovna verona veterans vibo
vice vice-president vicenza viciebsk vierchniadzvinsk vijayawada viliejka violence vision
vitalizing vleborg vocational volunteers wakayama war waste water waterways ways wealth weapons
welfare wellbeing whip white wildlife women work workforce workplace works world worship wroclaw
xunta yamagata yamaguchi yamanashi yang yaroslavl ycy yn yobe yorkshire young youth ytkavi yuan
yucat zabaykalsky zakarpattia zamfara zce zeeland zones
""".split())
