#pragma once

#include <string_view>

// The SQL of each migration, one function per numbered file in this folder. Shared by every
// engine; placeholders are described in storage/sql/dialect.hpp.
namespace gongdan::storage::migrations {

std::string_view initial_schema();    // 0001_initial.cpp
std::string_view seed_catalog();      // 0002_seed_catalog.cpp
std::string_view mail_schema();       // 0003_mail.cpp
std::string_view workspace_schema();  // 0004_workspace.cpp
std::string_view search_schema();     // 0005_search.cpp
std::string_view macros_schema();     // 0007_macros.cpp
std::string_view rules_schema();      // 0008_rules.cpp
std::string_view sla_schema();        // 0009_sla.cpp

std::string_view custom_fields_schema();  // 0006_custom_fields.cpp
std::string_view view_indexes();          // 0010_view_indexes.cpp
std::string_view search_merges();         // 0011_search_merges.cpp

}  // namespace gongdan::storage::migrations
