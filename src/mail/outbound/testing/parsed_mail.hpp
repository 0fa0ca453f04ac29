#pragma once

// Tests only: reads composed mail back with GMime, an independent MIME implementation, so that
// the encoders are checked by a decoder they share no code with.

#include <gmime/gmime.h>

#include <mutex>
#include <string>
#include <string_view>

namespace gongdan::mail::testing {

struct ParsedMail {
  bool ok = false;
  std::string subject;  // decoded
  std::string from_name, from_email, to_name, to_email;
  std::string message_id;  // without angle brackets, as GMime gives it
  std::string text, html;  // decoded bodies
  std::string content_type;
};

inline std::string take_gchar(char* text) {
  std::string out = text != nullptr ? text : "";
  g_free(text);
  return out;
}

inline void init_gmime_once() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

inline std::string decode_header_text(const std::string& raw) {
  init_gmime_once();
  return take_gchar(g_mime_utils_header_decode_text(nullptr, raw.c_str()));
}

inline void read_mailbox(InternetAddressList* list, std::string& name, std::string& email) {
  if (list == nullptr || internet_address_list_length(list) < 1) return;
  InternetAddress* address = internet_address_list_get_address(list, 0);
  if (const char* n = internet_address_get_name(address)) name = n;
  if (INTERNET_ADDRESS_IS_MAILBOX(address))
    email = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
}

inline std::string part_text(GMimeObject* part) {
  if (part == nullptr || !GMIME_IS_TEXT_PART(part)) return {};
  return take_gchar(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
}

inline ParsedMail parse_mail(std::string_view bytes) {
  init_gmime_once();
  ParsedMail result;
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
  if (message != nullptr) {
    result.ok = true;
    if (const char* s = g_mime_message_get_subject(message)) result.subject = s;
    if (const char* id = g_mime_message_get_message_id(message)) result.message_id = id;
    read_mailbox(g_mime_message_get_from(message), result.from_name, result.from_email);
    read_mailbox(g_mime_message_get_to(message), result.to_name, result.to_email);
    GMimeObject* body = g_mime_message_get_mime_part(message);
    if (body != nullptr) {
      result.content_type = take_gchar(g_mime_content_type_get_mime_type(g_mime_object_get_content_type(body)));
      if (GMIME_IS_MULTIPART(body) && g_mime_multipart_get_count(GMIME_MULTIPART(body)) == 2) {
        result.text = part_text(g_mime_multipart_get_part(GMIME_MULTIPART(body), 0));
        result.html = part_text(g_mime_multipart_get_part(GMIME_MULTIPART(body), 1));
      }
    }
    g_object_unref(message);
  }
  g_object_unref(parser);
  g_object_unref(stream);
  return result;
}

}  // namespace gongdan::mail::testing
