#!/usr/bin/env bash
# Formats the package's Swift sources with the toolchain's swift-format and .swift-format.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format -i -r Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks
