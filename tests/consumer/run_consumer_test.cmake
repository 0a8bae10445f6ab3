# Installs a tierdesk build into a private prefix, then configures, builds and runs the
# consumer project against it. Run with cmake -P and:
#   TIERDESK_BUILD_DIR  the main build tree to install from
#   CONSUMER_SOURCE_DIR this directory
#   WORK_DIR            scratch directory (emptied first): prefix/ and build/ go here
#   CONFIG              build configuration (Debug, Release, …; may be empty)
#   CXX_COMPILER        the compiler the main build used
#   CXX_FLAGS           flags the consumer needs to link the library (e.g. sanitizers)
cmake_minimum_required(VERSION 3.25)

foreach(var TIERDESK_BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR CXX_COMPILER)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer_test.cmake: ${var} is not set")
  endif()
endforeach()

set(config_args)
if(CONFIG)
  set(config_args --config ${CONFIG})
endif()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run step)
  message(STATUS "consumer test: ${step}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${step} failed (${rc})")
  endif()
endfunction()

run("install tierdesk into ${prefix}"
    ${CMAKE_COMMAND} --install ${TIERDESK_BUILD_DIR} --prefix ${prefix} ${config_args})
run("configure the consumer"
    ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${build}
    -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_BUILD_TYPE=${CONFIG}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}")
run("build the consumer" ${CMAKE_COMMAND} --build ${build} ${config_args})

find_program(consumer NAMES consumer PATHS ${build} ${build}/${CONFIG} NO_DEFAULT_PATH NO_CACHE)
if(NOT consumer)
  message(FATAL_ERROR "consumer test: the consumer program was not built")
endif()
run("run the consumer" ${consumer})
