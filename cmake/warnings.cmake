# Warning and sanitizer flags for the project's own targets (never forced on consumers).
function(tierdesk_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(TIERDESK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(TIERDESK_SANITIZE)
  add_compile_options(-fsanitize=${TIERDESK_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${TIERDESK_SANITIZE})
endif()
