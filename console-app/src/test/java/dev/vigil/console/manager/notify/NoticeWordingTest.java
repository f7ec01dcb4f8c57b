package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifyFixtures.firing;
import static dev.vigil.console.manager.notify.NotifyFixtures.message;
import static dev.vigil.console.manager.notify.NotifyFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.notify.Notice.Transition;
import dev.vigil.protocol.message.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words the mail and Alertmanager channels use: headlines, status words, values, ages. */
class NoticeWordingTest {
  static final long T = 1_764_650_000_000L;
  static final Problem CPU = firing(1, "web-1", "cpu", Severity.WARNING, T);
  static final Problem DISK = firing(2, "db-2", "disk", Severity.CRITICAL, T);

  @Test
  void theHeadlineNamesTheMostUrgentNoticeThenTheHighestSeverity() {
    assertThat(
            NoticeWording.headline(
                message(
                    1,
                    List.of(
                        notice(DISK.ended(T + 1, "ok"), Transition.RESOLVED),
                        notice(CPU, Transition.FIRING),
                        notice(DISK, Transition.REMINDER)))))
        .isEqualTo("WARNING cpu on web-1 (+2 more)");
    assertThat(
            NoticeWording.headline(
                message(
                    2,
                    List.of(notice(CPU, Transition.FIRING), notice(DISK, Transition.ESCALATED)))))
        .isEqualTo("ESCALATED CRITICAL disk on db-2 (+1 more)");
    assertThat(
            NoticeWording.headline(
                message(3, List.of(notice(CPU.ended(T + 1, "ok"), Transition.RESOLVED)))))
        .isEqualTo("RESOLVED cpu on web-1");
  }

  @Test
  void aTestMessageSaysSoInTheHeadlineAndTheMail() {
    Message test = new Message(4, "ops-mail", List.of(), T, true, "");
    assertThat(NoticeWording.headline(test)).isEqualTo("Test message from channel ops-mail");
    MailBody body = MailBody.of(test, "manager-a", T);
    assertThat(body.plain())
        .startsWith(
            "Test message from channel ops-mail\n\nA test message of the channel 'ops-mail',"
                + " from the Vigil manager manager-a at 2025-12-02 04:33:20 UTC.")
        .doesNotContain("How to acknowledge");
    assertThat(body.html()).doesNotContain("<table");
  }

  @Test
  void statusWordsFollowTheTransition() {
    assertThat(NoticeWording.status(notice(CPU, Transition.STILL_FIRING)))
        .isEqualTo("STILL WARNING");
    assertThat(NoticeWording.status(notice(CPU.acknowledgedBy("ann", T), Transition.ACKNOWLEDGED)))
        .isEqualTo("ACKNOWLEDGED");
    assertThat(NoticeWording.state(CPU.acknowledgedBy("ann", T)))
        .isEqualTo("firing, acknowledged by ann");
  }

  @Test
  void valuesAndAgesReadAsPeopleWriteThem() {
    assertThat(NoticeWording.value(93.50000001)).isEqualTo("93.5");
    assertThat(NoticeWording.value(12.0)).isEqualTo("12");
    assertThat(NoticeWording.age(T, T + 40_000)).isEqualTo("40s");
    assertThat(NoticeWording.age(T, T + 15 * 60_000 + 59_000)).isEqualTo("15m");
    assertThat(NoticeWording.age(T, T + 125 * 60_000)).isEqualTo("2h 5m");
    assertThat(NoticeWording.age(T, T + 120 * 60_000)).isEqualTo("2h");
  }

  @Test
  void agentTextIsOneLineAndABlankHostFallsBackToTheAgent() {
    assertThat(NoticeWording.oneLine("a\r\nb\tc\u202ed")).isEqualTo("a  b c d");
    Problem noHost = firing(5, " ", "cpu", Severity.WARNING, T);
    assertThat(NoticeWording.host(noHost)).isEqualTo("agent-5");
  }

  @Test
  void aMailDomainCannotCarryAHeaderBreak() {
    assertThat(MailIds.domain("Manager A\r\nBcc: x@y")).isEqualTo("manager-a--bcc--x-y");
    assertThat(MailIds.domain("...")).isEqualTo("vigil.invalid");
  }
}
