package dev.vigil.console.manager.notify;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.List;

/**
 * Notices as the outbox keeps them: one JSON object each, a message's body an array of them. Only
 * the store reads this back; what a channel sends is its own format. Stateless, thread-safe.
 */
final class NoticeCodec {
  private static final Gson GSON = new Gson();

  private NoticeCodec() {}

  static String write(Notice notice) {
    return GSON.toJson(notice);
  }

  static String write(List<Notice> notices) {
    return GSON.toJson(notices, new TypeToken<List<Notice>>() {}.getType());
  }

  static List<Notice> read(String body) {
    JsonArray array = JsonParser.parseString(body).getAsJsonArray();
    List<Notice> notices = new ArrayList<>(array.size());
    array.forEach(e -> notices.add(GSON.fromJson(e, Notice.class)));
    return notices;
  }
}
