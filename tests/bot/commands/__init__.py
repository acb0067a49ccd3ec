"""Tests of the `/jobs` command service."""
