# cmake -DCLI=<tierdesk> -DARGS="a;b;c" -DINPUT=<file or empty> -DEXPECTED=<file> -DEXIT=<code>
#       -DWORKDIR=<dir> -P run_cli_case.cmake
# Runs the CLI host with ARGS (stdin from INPUT) and fails unless stdout equals EXPECTED
# line for line and the exit code equals EXIT.
if(INPUT)
  set(input_args INPUT_FILE ${INPUT})
endif()
execute_process(COMMAND ${CLI} ${ARGS} ${input_args}
                WORKING_DIRECTORY ${WORKDIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "output differs from ${EXPECTED}\n--- got:\n${out}\n--- expected:\n${expected}\n--- stderr:\n${err}")
endif()
if(NOT code EQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}\n--- stderr:\n${err}")
endif()
