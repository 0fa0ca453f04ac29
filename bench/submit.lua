-- Scenario: an authenticated customer submits a ~1 KB ticket of mixed Chinese and English text.
package.path = "bench/?.lua;" .. package.path
local common = require("common")
common.expect(201)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = [[{"category_id":1,"subject":"打开群聊就闪退 App crashes when opening a group chat","description":"从昨天更新到 5.2.0 以后，只要打开“家人群”就闪退，其他聊天正常。重启手机、清除缓存都试过了，还是一样。Since updating to 5.2.0 yesterday the app crashes every time I open the family group chat; other chats work. I restarted the phone and cleared the cache, nothing helps. 闪退前会卡住大约两秒，然后直接回到桌面，没有任何提示。It freezes for about two seconds and then returns to the home screen without any message. 群里大约有 300 条未读消息，其中有很多图片和语音。The group has about 300 unread messages, many of them pictures and voice messages.","urgency":"urgent","environment":{"platform":"android","os":"Android 14","app_version":"5.2.0","device":"Pixel 8"}}]]

