include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TIERDESK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tierdesk)

install(TARGETS tierdesk EXPORT tierdeskTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/tierdesk DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/generated/tierdesk/config.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tierdesk)
install(EXPORT tierdeskTargets NAMESPACE tierdesk:: DESTINATION ${TIERDESK_CMAKE_DIR})

configure_package_config_file(cmake/tierdeskConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/tierdeskConfig.cmake
                              INSTALL_DESTINATION ${TIERDESK_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tierdeskConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tierdeskConfig.cmake
              ${PROJECT_BINARY_DIR}/tierdeskConfigVersion.cmake
        DESTINATION ${TIERDESK_CMAKE_DIR})
