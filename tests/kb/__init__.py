"""Tests of kg.kb."""
