#include "mail/outbound/smtp_transport.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "mail/outbound/mime_encoding.hpp"

namespace gongdan::mail {
namespace {

// The server's last reply is kept for the admin page, bounded so a hostile server cannot grow it.
constexpr std::size_t kMaxReplyLength = 300;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view bytes;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->bytes.size() - upload->offset);
  std::memcpy(buffer, upload->bytes.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Sees the SMTP dialogue; only the server's replies (HEADER_IN) are kept. The client's side,
// which carries the AUTH credentials, is never looked at.
int keep_server_reply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  // 221 answers QUIT, after the reply that matters.
  if (type == CURLINFO_HEADER_IN && !std::string_view(data, size).starts_with("221")) {
    *static_cast<std::string*>(user) = sanitize_header_text(std::string_view(data, std::min(size, kMaxReplyLength)));
  }
  return 0;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

domain::DeliveryResult refused(domain::DeliveryFailure failure, std::string answer) {
  return {false, failure, std::move(answer)};
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpTimeouts timeouts) : timeouts_(timeouts) { init_curl_once(); }

domain::DeliveryResult SmtpTransport::send(const domain::SmtpSettings& smtp, const domain::WireMessage& message) {
  using domain::DeliveryFailure;
  // Settings can be fixed by an admin while mail waits, so configuration problems are transient.
  if (smtp.url.empty()) return refused(DeliveryFailure::kTransient, "no SMTP server is configured");
  if (!is_plausible_address(message.envelope_from)) {
    return refused(DeliveryFailure::kTransient, "the sender address is not valid");
  }
  // The recipient is the mail's own: no retry will make it valid.
  if (!is_plausible_address(message.envelope_to)) {
    return refused(DeliveryFailure::kPermanent, "the recipient address is not valid");
  }

  std::unique_ptr<CURL, CurlDeleter> curl{curl_easy_init()};
  if (!curl) return refused(DeliveryFailure::kTransient, "could not start an SMTP session");
  const std::string mail_from = "<" + message.envelope_from + ">";
  std::unique_ptr<curl_slist, SlistDeleter> recipients{
      curl_slist_append(nullptr, ("<" + message.envelope_to + ">").c_str())};
  Upload upload{message.bytes};
  std::string last_reply;
  char error_buffer[CURL_ERROR_SIZE] = {};

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  // The URL comes from the admin page: only mail protocols, so it cannot read files or web pages.
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(smtp.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!smtp.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.bytes.size()));
  // A stalled server must not hold the sender thread (and its lease) for ever.
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeouts_.connect.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeouts_.total.count()));
  // Timeouts by signal are not thread-safe; the sender runs beside other threads.
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // needed for the debug callback; it prints nothing
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, keep_server_reply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &last_reply);

  const CURLcode code = curl_easy_perform(c);
  long reply_code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply_code);
  if (code == CURLE_OK) return {true, DeliveryFailure::kTransient, last_reply.empty() ? "250" : last_reply};

  std::string answer = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  if (reply_code != 0) answer += " (server: " + (last_reply.empty() ? std::to_string(reply_code) : last_reply) + ")";
  // 5xx refuses this message for good. A refused login (535) or "authentication required" (530)
  // is the settings' fault, not the message's: kept transient so queued mail goes out once an
  // admin fixes the settings.
  const bool settings_fault = code == CURLE_LOGIN_DENIED || reply_code == 530;
  const bool permanent = reply_code >= 500 && reply_code < 600 && !settings_fault;
  return refused(permanent ? DeliveryFailure::kPermanent : DeliveryFailure::kTransient, std::move(answer));
}

}  // namespace gongdan::mail
