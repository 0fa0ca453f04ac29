# gongdan_module(NAME LINKS ... TEST_LINKS ...): one library per folder under src/, linking only
# what the dependency picture in docs/architecture.md allows. Files ending in _test.cpp become
# one test executable per module, registered with CTest; files ending in _benchmark.cpp one
# Google Benchmark executable per module (built when GONGDAN_BENCHMARKS is on, for `make bench`).
# Files ending in _pgtest.cpp become one more test executable per module that needs PostgreSQL:
# its tests require the `postgres` CTest fixture below and read the cluster's URL from
# GONGDAN_TEST_PG_URL (docs/postgres.md, "Tests"). Files ending in _dbtest.cpp (contract tests of
# the engine-neutral repositories) become one executable that CTest runs twice: on SQLite, and
# with GONGDAN_TEST_ENGINE=postgres on the test cluster (storage/testing/test_database.hpp).

if(GONGDAN_TESTS)
  # One throwaway cluster per build tree, started before the first PostgreSQL test and removed
  # after the last (ctest runs FIXTURES_SETUP/FIXTURES_CLEANUP tests around the ones that need them).
  string(MD5 gongdan_build_hash "${PROJECT_BINARY_DIR}")
  string(SUBSTRING "${gongdan_build_hash}" 0 12 gongdan_build_hash)
  set(GONGDAN_PG_CLUSTER_DIR "/tmp/gongdan-pg-${gongdan_build_hash}")
  add_test(NAME postgres_cluster_start COMMAND ${PROJECT_SOURCE_DIR}/scripts/pg-cluster.sh start ${GONGDAN_PG_CLUSTER_DIR})
  add_test(NAME postgres_cluster_stop COMMAND ${PROJECT_SOURCE_DIR}/scripts/pg-cluster.sh stop ${GONGDAN_PG_CLUSTER_DIR})
  set_tests_properties(postgres_cluster_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120)
  set_tests_properties(postgres_cluster_stop PROPERTIES FIXTURES_CLEANUP postgres TIMEOUT 120)
endif()

function(gongdan_module name)
  cmake_parse_arguments(ARG "" "" "LINKS;TEST_LINKS" ${ARGN})
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(lib_sources ${all_sources})
  list(FILTER lib_sources EXCLUDE REGEX "_(test|pgtest|dbtest|benchmark)\\.cpp$")
  set(test_sources ${all_sources})
  list(FILTER test_sources INCLUDE REGEX "_test\\.cpp$")
  set(pgtest_sources ${all_sources})
  list(FILTER pgtest_sources INCLUDE REGEX "_pgtest\\.cpp$")
  set(dbtest_sources ${all_sources})
  list(FILTER dbtest_sources INCLUDE REGEX "_dbtest\\.cpp$")
  set(benchmark_sources ${all_sources})
  list(FILTER benchmark_sources INCLUDE REGEX "_benchmark\\.cpp$")
  if(NOT lib_sources)
    # A module whose folder has no sources yet builds nothing (and nothing may link it).
    add_library(gongdan_${name} INTERFACE)
    return()
  endif()
  add_library(gongdan_${name} STATIC ${lib_sources})
  target_include_directories(gongdan_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(gongdan_${name} PUBLIC ${ARG_LINKS})
  if(GONGDAN_TESTS AND test_sources)
    add_executable(gongdan_${name}_tests ${test_sources})
    target_link_libraries(gongdan_${name}_tests PRIVATE gongdan_${name} ${ARG_TEST_LINKS} GTest::gmock GTest::gtest_main)
    gtest_discover_tests(gongdan_${name}_tests DISCOVERY_TIMEOUT 60)
  endif()
  if(GONGDAN_TESTS AND pgtest_sources)
    add_executable(gongdan_${name}_pgtests ${pgtest_sources})
    target_link_libraries(gongdan_${name}_pgtests PRIVATE gongdan_${name} ${ARG_TEST_LINKS} GTest::gmock GTest::gtest_main)
    # ctest runs each test through `pg-cluster.sh run`, which sets GONGDAN_TEST_PG_URL from the
    # cluster the fixture started (its port is only known once it runs).
    set_target_properties(gongdan_${name}_pgtests PROPERTIES CROSSCOMPILING_EMULATOR
                          "${PROJECT_SOURCE_DIR}/scripts/pg-cluster.sh;run;${GONGDAN_PG_CLUSTER_DIR}")
    gtest_discover_tests(gongdan_${name}_pgtests DISCOVERY_TIMEOUT 60 PROPERTIES FIXTURES_REQUIRED postgres)
  endif()
  if(GONGDAN_TESTS AND dbtest_sources)
    add_executable(gongdan_${name}_dbtests ${dbtest_sources})
    target_link_libraries(gongdan_${name}_dbtests PRIVATE gongdan_${name} ${ARG_TEST_LINKS} GTest::gmock GTest::gtest_main)
    set_target_properties(gongdan_${name}_dbtests PROPERTIES CROSSCOMPILING_EMULATOR
                          "${PROJECT_SOURCE_DIR}/scripts/pg-cluster.sh;run;${GONGDAN_PG_CLUSTER_DIR}")
    gtest_discover_tests(gongdan_${name}_dbtests DISCOVERY_TIMEOUT 60 TEST_PREFIX "sqlite."
                         PROPERTIES ENVIRONMENT "GONGDAN_TEST_ENGINE=sqlite")
    gtest_discover_tests(gongdan_${name}_dbtests DISCOVERY_TIMEOUT 60 TEST_PREFIX "postgres."
                         PROPERTIES ENVIRONMENT "GONGDAN_TEST_ENGINE=postgres" FIXTURES_REQUIRED postgres)
  endif()
  if(GONGDAN_BENCHMARKS AND benchmark_sources)
    add_executable(gongdan_${name}_benchmarks ${benchmark_sources})
    target_link_libraries(gongdan_${name}_benchmarks PRIVATE gongdan_${name} ${ARG_TEST_LINKS} benchmark::benchmark_main)
    set_target_properties(gongdan_${name}_benchmarks PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/benchmarks)
  endif()
endfunction()
