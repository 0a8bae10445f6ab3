// docs/openapi.json, embedded at build time (the file in docs/ is the one source).
#pragma once

namespace tierdesk::server {
extern const char* const openapi_document;
}
