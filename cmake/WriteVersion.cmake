# Run at every build (cmake -P, from the regimesim_version target in sim/CMakeLists.txt):
# reads the commit the sources are at again, -dirty where tracked files differ from it,
# and writes the version header. configure_file rewrites it only when its text changes,
# so a build at the same commit recompiles nothing; one after a new commit, or from
# changed sources, names them in every manifest.json it writes.
# Expects -DPROJECT_SOURCE_DIR, -DPROJECT_VERSION, -DTEMPLATE, -DOUTPUT.
include(${CMAKE_CURRENT_LIST_DIR}/GitCommit.cmake)
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
