#include "router.hpp"

#include <algorithm>

namespace tierdesk::server {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto end = path.find('/');
    out.push_back(path.substr(0, end));
    path = end == std::string_view::npos ? std::string_view() : path.substr(end);
  }
  return out;
}

bool matches(std::string_view pattern, const std::vector<std::string_view>& path,
             std::map<std::string, std::string, std::less<>>& params) {
  const auto parts = segments(pattern);
  if (parts.size() != path.size()) return false;
  std::map<std::string, std::string, std::less<>> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].size() > 2 && parts[i].front() == '{' && parts[i].back() == '}') {
      if (path[i].empty()) return false;
      found.emplace(std::string(parts[i].substr(1, parts[i].size() - 2)), std::string(path[i]));
    } else if (parts[i] != path[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

Match Router::match(http::verb method, std::string_view path) const {
  Match out;
  const auto parts = segments(path);
  for (const auto& r : routes_) {
    std::map<std::string, std::string, std::less<>> params;
    if (!matches(r.pattern, parts, params)) continue;
    if (std::find(out.allowed.begin(), out.allowed.end(), r.method) == out.allowed.end())
      out.allowed.push_back(r.method);
    if (r.method == method && out.route == nullptr) {
      out.route = &r;
      out.params = std::move(params);
    }
  }
  return out;
}

}  // namespace tierdesk::server
