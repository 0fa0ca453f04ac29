#include "mail/outbound/mime_message.hpp"

#include <cstdint>

#include "mail/outbound/mime_encoding.hpp"

namespace gongdan::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// FNV-1a: a stable hash, so the boundary follows from the Message-ID alone.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

// `=_` cannot occur in quoted-printable (`=` is always followed by hex digits or CRLF) nor in
// base64, so no encoded body can contain the boundary.
std::string boundary_for(std::string_view message_id) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string boundary = "=_gongdan_";
  const std::uint64_t hash = fnv1a(message_id);
  for (int shift = 60; shift >= 0; shift -= 4) boundary += kHex[(hash >> shift) & 0xF];
  return boundary;
}

// Text travels with CRLF line ends (RFC 2045 §6.1 canonical form), whatever the encoding.
std::string canonical_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      out += kCrlf;
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Quoted-printable keeps mostly-ASCII text readable; base64 is a third of the size for Chinese.
// Whichever is shorter wins, which depends on the text alone.
std::string body_part(std::string_view content_type, std::string_view body) {
  std::string qp = encode_quoted_printable(body);
  std::string b64 = encode_base64_lines(canonical_line_ends(body));
  const bool use_qp = qp.size() <= b64.size();
  std::string part = "Content-Type: " + std::string(content_type) + "; charset=UTF-8";
  part += kCrlf;
  part += use_qp ? "Content-Transfer-Encoding: quoted-printable" : "Content-Transfer-Encoding: base64";
  part += kCrlf;
  part += kCrlf;
  part += use_qp ? qp : b64;
  return part;
}

void add_header(std::string& out, std::string_view line) {
  out += line;
  out += kCrlf;
}

// Ids and structured values are ours, but are still stripped of anything that could end a line.
std::string header(std::string_view name, std::string_view value) {
  return std::string(name) + ": " + sanitize_header_text(value);
}

}  // namespace

std::string build_mime_message(const MimeMessage& message) {
  const std::string boundary = boundary_for(message.message_id);
  std::string out;
  add_header(out, header("Message-ID", message.message_id));
  add_header(out, header("Date", format_rfc5322_date(message.date)));
  add_header(out, format_address_header("From", message.from.name, message.from.email));
  add_header(out, format_address_header("To", message.to.name, message.to.email));
  add_header(out, fold_unstructured_header("Subject", message.subject));
  add_header(out, "MIME-Version: 1.0");
  // RFC 3834: tells auto-responders (vacation replies) not to answer, which stops mail loops.
  add_header(out, "Auto-Submitted: auto-generated");
  if (message.thread_id) {
    add_header(out, header("In-Reply-To", *message.thread_id));
    add_header(out, header("References", *message.thread_id));
  }
  if (message.list_unsubscribe) {
    add_header(out, header("List-Unsubscribe", *message.list_unsubscribe));
    add_header(out, "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  }
  if (message.ticket_number) add_header(out, header("X-Gongdan-Ticket", *message.ticket_number));
  add_header(out, "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"");
  out += kCrlf;
  out += "--" + boundary;
  out += kCrlf;
  out += body_part("text/plain", message.text);
  out += kCrlf;
  out += "--" + boundary;
  out += kCrlf;
  out += body_part("text/html", message.html);
  out += kCrlf;
  out += "--" + boundary + "--";
  out += kCrlf;
  return out;
}

}  // namespace gongdan::mail
