#!/usr/bin/env bash
# Images/s of the TorchSharp ResNet18 port against ONNX Runtime, measured in one run on this machine's CPU.
# Options pass through: --images N (128), --batch N (32), --threads N (2), --rounds N (3), --cuda (the port on ComputeDevice.Select()).
# Needs the Debian package tuxpaint-stamps-default for its photographs. Results: benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/AligNet.Benchmarks.ResNet18 -c Release -nologo -clp:ErrorsOnly >&2
exec dotnet benchmarks/AligNet.Benchmarks.ResNet18/bin/Release/net10.0/AligNet.Benchmarks.ResNet18.dll "$@"
