#pragma once

#include <string_view>

namespace gongdan::domain {

/// How alike two short texts are, 0..1: the Dice coefficient of their character bigrams after
/// folding case and dropping spaces and punctuation. Works for Chinese (no word spaces) and English.
double text_similarity(std::string_view a, std::string_view b);

/// Two subjects this alike are "very similar": the form warns about a likely duplicate.
inline constexpr double kSimilarSubjectThreshold = 0.6;

}  // namespace gongdan::domain
