# cmake -DCLI=<tierdesk> -DARGS="a;b;c" -DINPUT=<file or empty> -DEXPECTED=<file> -DEXIT=<code>
#       [-DEXPECTED_ERR=<file>] -DWORKDIR=<dir> -P run_cli_case.cmake
# Runs the CLI host with ARGS (stdin from INPUT, $TIERDESK_CONTRACTS unset, so that only what
# ARGS name counts) and fails unless stdout equals EXPECTED line for line, stderr equals
# EXPECTED_ERR when given, and the exit code equals EXIT.
if(INPUT)
  set(input_args INPUT_FILE ${INPUT})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=TIERDESK_CONTRACTS ${CLI} ${ARGS} ${input_args}
                WORKING_DIRECTORY ${WORKDIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "output differs from ${EXPECTED}\n--- got:\n${out}\n--- expected:\n${expected}\n--- stderr:\n${err}")
endif()
if(EXPECTED_ERR)
  file(READ ${EXPECTED_ERR} expected_err)
  if(NOT err STREQUAL expected_err)
    message(FATAL_ERROR "stderr differs from ${EXPECTED_ERR}\n--- got:\n${err}\n--- expected:\n${expected_err}")
  endif()
endif()
if(NOT code EQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}\n--- stderr:\n${err}")
endif()
