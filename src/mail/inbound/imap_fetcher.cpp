#include "mail/inbound/imap_fetcher.hpp"

#include <curl/curl.h>

#include <mutex>
#include <utility>

#include "mail/inbound/imap_response.hpp"

namespace gongdan::mail {
namespace {

// A dead or stalled server must not hold the poller: it retries at the next poll instead.
constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTotalTimeoutSeconds = 120;
// One fetched message larger than this is refused: it stops a hostile mailbox from exhausting memory.
constexpr std::size_t kMaxResponseBytes = std::size_t{64} * 1024 * 1024;

struct Sink {
  std::string data;
  bool too_large = false;
};

std::size_t write_to_sink(char* bytes, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t length = size * count;
  if (sink->data.size() + length > kMaxResponseBytes) {
    sink->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  sink->data.append(bytes, length);
  return length;
}

// imap://host/ without a mailbox selects nothing, and SEARCH needs a selected mailbox.
std::string mailbox_url_of(const std::string& url) {
  std::string mailbox = url;
  while (!mailbox.empty() && mailbox.back() == '/') mailbox.pop_back();
  const std::size_t scheme = mailbox.find("://");
  const std::size_t path = mailbox.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) mailbox += "/INBOX";
  return mailbox;
}

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct ImapFetcher::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

ImapFetcher::ImapFetcher(domain::ImapSettings settings)
    : settings_(std::move(settings)), mailbox_url_(mailbox_url_of(settings_.url)), handle_(std::make_unique<Handle>()) {
  init_curl();
}

ImapFetcher::~ImapFetcher() = default;

core::Result<std::string> ImapFetcher::perform(const std::string& url, const std::string& custom_request) {
  if (handle_->curl == nullptr) handle_->curl = curl_easy_init();
  CURL* curl = handle_->curl;
  if (curl == nullptr) return core::Error::unavailable("imap: libcurl could not start");
  // reset keeps the open connection: the next call reuses the login.
  curl_easy_reset(curl);
  Sink sink;
  char error_text[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  // The password goes in its own option, never in the URL, so it appears in no error message.
  curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.username.c_str());
  // imap:// upgrades with STARTTLS when the server offers it, as SMTP does: never log in in clear
  // when encryption is available.
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  if (!custom_request.empty()) curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, custom_request.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_to_sink);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTotalTimeoutSeconds);
  // Timeouts must not use SIGALRM: the poller runs on a worker thread.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // the buffer dies with this frame
  if (sink.too_large) return core::Error::unavailable("imap: response larger than the limit");
  if (code != CURLE_OK) {
    return core::Error::unavailable(std::string("imap: ") +
                                    (error_text[0] != '\0' ? error_text : curl_easy_strerror(code)));
  }
  return std::move(sink.data);
}

core::Result<std::vector<std::uint32_t>> ImapFetcher::unseen_uids() {
  auto response = perform(mailbox_url_, "UID SEARCH UNSEEN");
  if (!response) return response.take_error();
  return parse_search_response(*response);
}

core::Result<std::string> ImapFetcher::fetch(std::uint32_t uid) {
  // libcurl delivers only the first line of a custom "UID FETCH n BODY.PEEK[]", so the message
  // comes through the URL form (UID FETCH n BODY[]), which sets \Seen.
  return perform(mailbox_url_ + "/;UID=" + std::to_string(uid), "");
}

core::Status ImapFetcher::mark_seen(std::uint32_t uid) {
  auto response = perform(mailbox_url_, "UID STORE " + std::to_string(uid) + " +FLAGS (\\Seen)");
  if (!response) return response.take_error();
  return core::ok_status();
}

core::Status ImapFetcher::mark_unseen(std::uint32_t uid) {
  auto response = perform(mailbox_url_, "UID STORE " + std::to_string(uid) + " -FLAGS (\\Seen)");
  if (!response) return response.take_error();
  return core::ok_status();
}

}  // namespace gongdan::mail
