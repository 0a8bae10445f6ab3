// Contract files: any text given to parse_contract either fails with an error or yields a
// contract whose summary can be written.
#include "fuzz_input.hpp"
#include "tierdesk/contract/contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto contract = tierdesk::parse_contract(tierdesk::fuzz::text(data, size));
  if (contract) (void)tierdesk::summary(*contract);
  return 0;
}
