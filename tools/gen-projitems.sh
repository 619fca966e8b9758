#!/usr/bin/env bash
# Rewrites <Dir>/<Name>.projitems from the .cs files under <Dir> (both project files of a portable assembly import it).
# Usage: tools/gen-projitems.sh Agent Agent   |   tools/gen-projitems.sh Hal Hal
set -eu
dir=$1; name=$2
out="$dir/$name.projitems"
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<!-- The single list of sources of this portable assembly, imported by both its .csproj (net10.0) and its'
  echo '     .nfproj (nanoFramework). nanoFramework does not glob: every source must be listed here. -->'
  echo '<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">'
  echo '  <PropertyGroup>'
  echo '    <MSBuildAllProjects>$(MSBuildAllProjects);$(MSBuildThisFileFullPath)</MSBuildAllProjects>'
  echo '    <HasSharedItems>true</HasSharedItems>'
  echo '  </PropertyGroup>'
  echo '  <ItemGroup>'
  (cd "$dir" && find . -name '*.cs' -not -path './obj/*' -not -path './bin/*' | sed 's|^\./||' | LC_ALL=C sort) | while read -r f; do
    echo "    <Compile Include=\"\$(MSBuildThisFileDirectory)${f//\//\\}\" />"
  done
  echo '  </ItemGroup>'
  echo '</Project>'
} > "$out"
echo "wrote $out"
