#!/usr/bin/env python3
"""Runs the labelled release scenarios against the built CLI and a real Prometheus; see scenario_runner.py for the usage."""
import sys

from scenario_runner import main

if __name__ == "__main__":
    sys.exit(main())
