// The answers document written from the typed answers: the one serializer, used for drafts,
// saved files, signing and the spreadsheet's data sheet.
#pragma once

#include <nlohmann/json.hpp>

#include "model/answers.hpp"

namespace selfeval {

/// The answers as a document of schemas/answers.v1.schema.json. A document read by
/// load_answers_document() is written back as it was read — numbers as numbers, text as typed —
/// except that an empty text or an empty record in "values" is left out (it is no entry).
nlohmann::json answers_to_json(const Answers& a);

/// One project indicator as a document (the object at /indicators/<index>).
nlohmann::json project_indicator_to_json(const ProjectIndicator& p);

/// One value record as a document (the object under /values/<id>); empty when nothing is set.
nlohmann::json answer_value_to_json(const AnswerValue& v);
/// The reviewed-submission block of a verification sheet.
nlohmann::json reviewed_to_json(const ReviewedSubmission& r);

}  // namespace selfeval
