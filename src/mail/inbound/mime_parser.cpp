#include "mail/inbound/mime_parser.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "core/utf8.hpp"
#include "mail/inbound/charset.hpp"
#include "mail/inbound/header_text.hpp"
#include "mail/inbound/html_text.hpp"
#include "mail/inbound/message_id.hpp"

namespace gongdan::mail {
namespace {

// A MIME tree nested deeper than this is hostile, not mail: it would only exhaust the stack.
constexpr int kMaxDepth = 32;

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Raw 8-bit header text is tried as UTF-8, then as GB18030 (what such mail nearly always is here).
std::unique_ptr<GMimeParserOptions, ParserOptionsFree> make_options() {
  std::unique_ptr<GMimeParserOptions, ParserOptionsFree> options(g_mime_parser_options_new());
  static const char* fallback[] = {"utf-8", "gb18030", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
  g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  return options;
}

std::string text_or_empty(const char* text) { return text == nullptr ? std::string() : std::string(text); }

// GMime decodes encoded words with the charset as labelled; relabel gb2312/gbk words so that the
// GBK characters real "gb2312" mail carries survive (display names such as 王喆).
std::string widen_chinese_labels(std::string_view value) {
  const std::string lower = core::ascii_lower(value);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = lower.find("=?"); at != std::string::npos; at = lower.find("=?", at + 2)) {
    for (const std::string_view label : {"gb2312?", "gbk?", "x-gbk?", "cp936?"}) {
      if (std::string_view(lower).substr(at + 2, label.size()) != label) continue;
      out.append(value.substr(copied, at + 2 - copied));
      out += "gb18030?";
      copied = at + 2 + label.size();
      break;
    }
  }
  out.append(value.substr(copied));
  return out;
}

std::string raw_header(GMimeObject* object, const char* name) {
  GMimeHeaderList* list = g_mime_object_get_header_list(object);
  GMimeHeader* header = g_mime_header_list_get_header(list, name);
  return header == nullptr ? std::string() : text_or_empty(g_mime_header_get_raw_value(header));
}

void read_sender(GMimeObject* message, GMimeParserOptions* options, domain::InboundMail& mail) {
  const std::string raw = widen_chinese_labels(raw_header(message, "From"));
  if (raw.empty()) return;
  GObjectPtr<InternetAddressList> list(internet_address_list_parse(options, raw.c_str()));
  if (!list) return;
  for (int i = 0; i < internet_address_list_length(list.get()); ++i) {
    InternetAddress* address = internet_address_list_get_address(list.get(), i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    mail.from_email = core::ascii_lower(
        to_utf8(text_or_empty(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))), ""));
    mail.from_name = std::string(core::trim(to_utf8(text_or_empty(internet_address_get_name(address)), "utf-8")));
    return;
  }
}

void add_references(GMimeObject* message, GMimeParserOptions* options, const char* name,
                    std::vector<std::string>& out) {
  const std::string raw = raw_header(message, name);
  if (raw.empty()) return;
  GMimeReferences* references = g_mime_references_parse(options, raw.c_str());
  if (references == nullptr) return;
  for (int i = 0; i < g_mime_references_length(references); ++i) {
    std::string id = to_utf8(text_or_empty(g_mime_references_get_message_id(references, i)), "");
    // In-Reply-To usually repeats the last reference: keep each id once, in first-seen order.
    if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
  }
  g_mime_references_free(references);
}

std::string mime_type_of(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return "text/plain";
  return core::ascii_lower(text_or_empty(g_mime_content_type_get_media_type(type)) + "/" +
                           text_or_empty(g_mime_content_type_get_media_subtype(type)));
}

std::string decoded_content(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, stream.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string unix_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The text parts and files found under one MIME node.
struct Collected {
  std::vector<std::string> plain;
  std::vector<std::string> html;
  std::vector<domain::Upload> files;
};

std::string filename_for(GMimePart* part, const std::string& mime_type, std::size_t index) {
  std::string name = std::string(core::trim(to_utf8(text_or_empty(g_mime_part_get_filename(part)), "utf-8")));
  if (!name.empty()) return name;
  std::string extension;
  for (char c : mime_type.substr(mime_type.find('/') + 1)) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) extension += c;
  }
  const bool image = mime_type.rfind("image/", 0) == 0;
  return (image ? "image-" : "attachment-") + std::to_string(index + 1) + (extension.empty() ? "" : "." + extension);
}

void collect(GMimeObject* object, int depth, Collected& out);

void collect_part(GMimePart* part, Collected& out) {
  GMimeObject* object = GMIME_OBJECT(part);
  const std::string mime_type = mime_type_of(object);
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  const bool attachment = (disposition != nullptr && g_mime_content_disposition_is_attachment(disposition)) ||
                          g_mime_part_get_filename(part) != nullptr;
  const bool image = mime_type.rfind("image/", 0) == 0;
  if (!attachment && (mime_type == "text/plain" || mime_type == "text/html")) {
    const std::string text = unix_lines(
        to_utf8(decoded_content(part), text_or_empty(g_mime_object_get_content_type_parameter(object, "charset"))));
    (mime_type == "text/plain" ? out.plain : out.html).push_back(text);
    return;
  }
  // Inline images are pasted screenshots: for a help desk they are part of the report.
  if (attachment || image) {
    out.files.push_back({filename_for(part, mime_type, out.files.size()), decoded_content(part)});
  }
}

void collect_alternative(GMimeMultipart* multipart, int depth, Collected& out) {
  // The branches are one text in several forms: take the plain one (else the HTML one), but keep
  // the files of every branch (an HTML branch carries its pasted screenshots).
  std::vector<Collected> branches(static_cast<std::size_t>(g_mime_multipart_get_count(multipart)));
  for (std::size_t i = 0; i < branches.size(); ++i) {
    collect(g_mime_multipart_get_part(multipart, static_cast<int>(i)), depth + 1, branches[i]);
  }
  const Collected* chosen = nullptr;
  for (const auto& branch : branches) {
    if (!chosen && !branch.plain.empty()) chosen = &branch;
  }
  for (const auto& branch : branches) {
    if (!chosen && !branch.html.empty()) chosen = &branch;
  }
  if (chosen != nullptr) {
    out.plain.insert(out.plain.end(), chosen->plain.begin(), chosen->plain.end());
    if (chosen->plain.empty()) out.html.insert(out.html.end(), chosen->html.begin(), chosen->html.end());
  }
  for (auto& branch : branches) {
    for (auto& file : branch.files) out.files.push_back(std::move(file));
  }
}

void collect(GMimeObject* object, int depth, Collected& out) {
  if (depth > kMaxDepth) return;
  if (GMIME_IS_MULTIPART_ENCRYPTED(object)) return;  // nothing readable without the key
  if (GMIME_IS_MULTIPART_SIGNED(object)) {
    // The signed content is the first part; the second is the signature itself.
    GMimeMultipart* signed_part = GMIME_MULTIPART(object);
    if (g_mime_multipart_get_count(signed_part) > GMIME_MULTIPART_SIGNED_CONTENT) {
      collect(g_mime_multipart_get_part(signed_part, GMIME_MULTIPART_SIGNED_CONTENT), depth + 1, out);
    }
    return;
  }
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    if (mime_type_of(object) == "multipart/alternative") {
      collect_alternative(multipart, depth, out);
      return;
    }
    for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
      collect(g_mime_multipart_get_part(multipart, i), depth + 1, out);
    }
    return;
  }
  if (GMIME_IS_PART(object)) collect_part(GMIME_PART(object), out);
  // message/rfc822 parts (forwards, bounced originals) are neither the sender's text nor a file.
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += '\n';
    out += part;
  }
  return out;
}

// An MTA pipe may hand over an mbox "From sender date" line before the headers.
std::string_view skip_mbox_line(std::string_view raw) {
  if (raw.substr(0, 5) != "From ") return raw;
  const std::size_t end = raw.find('\n');
  return end == std::string_view::npos ? std::string_view() : raw.substr(end + 1);
}

core::Error not_a_message() { return core::Error::invalid("not_a_message", "The input is not a mail message."); }

}  // namespace

const std::string* ParsedMessage::header(std::string_view name) const {
  const std::string wanted = core::ascii_lower(name);
  for (const auto& header : headers) {
    if (core::ascii_lower(header.name) == wanted) return &header.value;
  }
  return nullptr;
}

core::Result<ParsedMessage> parse_message(std::string_view input) {
  const std::string_view raw = skip_mbox_line(input);
  if (core::trim(raw).empty()) return not_a_message();
  init_gmime();
  auto options = make_options();
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message) return not_a_message();
  GMimeObject* object = GMIME_OBJECT(message.get());
  GMimeHeaderList* list = g_mime_object_get_header_list(object);
  const int count = g_mime_header_list_get_count(list);
  if (count == 0) return not_a_message();

  ParsedMessage parsed;
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(list, i);
    parsed.headers.push_back({text_or_empty(g_mime_header_get_name(header)),
                              decode_header_text(text_or_empty(g_mime_header_get_raw_value(header)))});
  }
  domain::InboundMail& mail = parsed.mail;
  mail.message_id = to_utf8(text_or_empty(g_mime_message_get_message_id(message.get())), "");
  if (mail.message_id.empty()) mail.message_id = synthesized_message_id(input);
  read_sender(object, options.get(), mail);
  if (const std::string* subject = parsed.header("Subject")) mail.subject = *subject;
  add_references(object, options.get(), "In-Reply-To", mail.references);
  add_references(object, options.get(), "References", mail.references);

  GMimeObject* body = g_mime_message_get_mime_part(message.get());
  if (body != nullptr) {
    parsed.mime_type = mime_type_of(body);
    Collected collected;
    collect(body, 0, collected);
    mail.body = collected.plain.empty() ? html_to_text(join(collected.html)) : join(collected.plain);
    mail.attachments = std::move(collected.files);
  }
  return parsed;
}

}  // namespace gongdan::mail
