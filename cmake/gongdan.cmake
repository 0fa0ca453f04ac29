# gongdan_module(NAME SOURCES ... LINKS ...): one library per folder under src/, linking only
# what the dependency picture in docs/architecture.md allows. Files ending in _test.cpp become
# one test executable per module, registered with CTest.
function(gongdan_module name)
  cmake_parse_arguments(ARG "" "" "LINKS;TEST_LINKS" ${ARGN})
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(lib_sources ${all_sources})
  list(FILTER lib_sources EXCLUDE REGEX "_test\\.cpp$")
  set(test_sources ${all_sources})
  list(FILTER test_sources INCLUDE REGEX "_test\\.cpp$")
  add_library(gongdan_${name} STATIC ${lib_sources})
  target_include_directories(gongdan_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(gongdan_${name} PUBLIC ${ARG_LINKS})
  if(GONGDAN_TESTS AND test_sources)
    add_executable(gongdan_${name}_tests ${test_sources})
    target_link_libraries(gongdan_${name}_tests PRIVATE gongdan_${name} ${ARG_TEST_LINKS} GTest::gmock GTest::gtest_main)
    gtest_discover_tests(gongdan_${name}_tests DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
