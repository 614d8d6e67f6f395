#!/usr/bin/env bash
# Set up a Debian 12 machine for teachsim: install the Debian packages it
# needs (only those missing), then configure and build into build/ (or $1).
# With --mpi, also the MPI packages and the MPI build of teachsim in
# build-mpi/ (or $TS_MPI_BUILD), -DTEACHSIM_MPI=ON, whose `ctest -R mpi`
# compares it with the serial build of BUILD_DIR (docs/cluster.md).
# Usage: [TS_EXTRA_PACKAGES="pkg ..."] scripts/setup.sh [--mpi] [BUILD_DIR] [extra cmake options...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mpi=0
if [ "${1:-}" = --mpi ]; then
  mpi=1
  shift
fi
build=${1:-$here/build}
shift || true

packages=(
  build-essential cmake pkg-config git
  libgsl-dev libhdf5-dev hdf5-tools libyaml-dev librandom123-dev libcriterion-dev libcsv-dev libxlsxwriter-dev
  python3 python3-numpy python3-h5py python3-netcdf4 python3-h5netcdf python3-xarray python3-pandas python3-matplotlib
  python3-yaml python3-openpyxl python3-selenium chromium chromium-driver fonts-noto-cjk r-cran-hdf5r time
  clang clang-format libclang-rt-14-dev libomp-14-dev
)
# Callers that need more (bench/run.sh: valgrind) name them here. GNU time
# is in the list because tests/bench_smoke.sh measures teachsim run with it.
read -r -a extra <<<"${TS_EXTRA_PACKAGES:-}"
packages+=("${extra[@]}")
((mpi)) && packages+=(libopenmpi-dev openmpi-bin libhdf5-openmpi-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >&2
cmake --build "$build" -j"$(nproc)" >&2

if ((mpi)); then
  # Only the program: its one test (cli_mpi) needs nothing else, and the
  # Criterion suites are the serial build's.
  mpi_build=${TS_MPI_BUILD:-$here/build-mpi}
  cmake -S "$here" -B "$mpi_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" -DTEACHSIM_MPI=ON \
    -DTEACHSIM_SERIAL_EXE="$build/teachsim" >&2
  cmake --build "$mpi_build" -j"$(nproc)" --target teachsim >&2
fi
