// One include, named by the test that builds this file (tests/layers/CMakeLists.txt), compiled
// with the include paths of exactly one layer.
#include LAYER_CASE_HEADER
