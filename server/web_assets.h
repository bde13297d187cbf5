// The files of server/web (style sheet, script), built into the binary by
// embed_assets.cmake so that docket serve needs no files beside it.
#pragma once

#include <string_view>

namespace docket::server {

struct WebAsset {
  std::string_view name;          // "style.css"
  std::string_view content_type;  // "text/css; charset=utf-8"
  std::string_view data;
};

// The asset called `name`, or null.
const WebAsset* FindWebAsset(std::string_view name);

}  // namespace docket::server
