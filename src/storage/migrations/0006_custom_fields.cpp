#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// Custom fields: questions a category adds to its submission form, and each ticket's answers.
// Answers are rows (ticket, field, value as text) rather than one JSON column: a field's use is
// one indexed EXISTS (removing a used field deactivates it instead), both engines read them the
// same way, and a later report or filter by field is a plain join. The value's text form per type
// is fixed by the domain (domain/fields/field_values.hpp). No field is added to the seeded
// categories here: existing clients submit without fields, and the demo data seeds an example.
std::string_view custom_fields_schema() {
  return R"sql(
CREATE TABLE category_fields (
  id {{id}},
  category_id BIGINT NOT NULL REFERENCES categories (id),
  field_key TEXT NOT NULL,             -- a-z0-9_, the wire name; never changes
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL,
  type TEXT NOT NULL,                  -- text | number | dropdown | checkbox | date; never changes
  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  UNIQUE (category_id, field_key)      -- among active and inactive fields alike
);

-- A dropdown's choices, rewritten whole when the field is saved.
CREATE TABLE category_field_options (
  field_id BIGINT NOT NULL REFERENCES category_fields (id),
  position INTEGER NOT NULL,
  value TEXT NOT NULL,
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL,
  PRIMARY KEY (field_id, position),
  UNIQUE (field_id, value)
);

CREATE TABLE ticket_field_values (
  ticket_id BIGINT NOT NULL REFERENCES tickets (id),
  field_id BIGINT NOT NULL REFERENCES category_fields (id),
  value TEXT NOT NULL,                 -- never empty: no answer is no row
  PRIMARY KEY (ticket_id, field_id)
);
-- Whether a field has answers (a used field is deactivated, not deleted).
CREATE INDEX ticket_field_values_by_field ON ticket_field_values (field_id);

-- field_changed events name the field they changed.
ALTER TABLE ticket_events ADD COLUMN field_key TEXT NOT NULL DEFAULT '';
)sql";
}

}  // namespace gongdan::storage::migrations
