#!/bin/sh
# Runs the naive baseline with the scorer's argv: naive.sh parse --json FILE.
exec go run "$(dirname "$0")/main.go" "$@"
