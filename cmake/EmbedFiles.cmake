# qw_embed_files(<target> NAME <name> NAMESPACE <ns> FILES <files...>)
# Compiles the files' bytes into <target> (see embed_files.cmake); the target's code reads them
# through the generated header "<name>.h".
function(qw_embed_files target)
  cmake_parse_arguments(E "" "NAME;NAMESPACE" "FILES" ${ARGN})
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/embedded)
  set(stem ${dir}/${E_NAME})
  add_custom_command(
    OUTPUT ${stem}.h ${stem}.cc
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${CMAKE_COMMAND} -DSTEM=${stem} "-DFILES=${E_FILES}" -DNAMESPACE=${E_NAMESPACE}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${E_NAME}"
    VERBATIM)
  target_sources(${target} PRIVATE ${stem}.h ${stem}.cc)
  target_include_directories(${target} PRIVATE ${dir})
endfunction()
