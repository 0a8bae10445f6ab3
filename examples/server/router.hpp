// The route table: method and path pattern to handler. A path that matches a pattern with
// another method answers 405 with the methods it has in Allow; a path that matches nothing
// answers 404.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api.hpp"

namespace tierdesk::server {

struct Match {
  const Route* route = nullptr;                              // null: no route for the method
  std::map<std::string, std::string, std::less<>> params;
  std::vector<http::verb> allowed;                           // methods the path has
};

class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}
  // `path` is the decoded path without the query.
  Match match(http::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace tierdesk::server
