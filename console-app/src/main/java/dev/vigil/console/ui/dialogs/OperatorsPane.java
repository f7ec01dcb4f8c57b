package dev.vigil.console.ui.dialogs;

import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.console.manager.api.Invitation;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.PendingInvitation;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.Failure;
import dev.vigil.console.ui.model.FleetActions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Vigil → Operators: the people whose consoles attach to this manager over the network, with their
 * roles and keys, and the invitations not used yet; an invitation for a new one (a single-use token
 * in the command line they run, shown once) and removing one, which detaches their consoles at
 * once. The manager checks the admin role and audits each change; reads and changes run off the FX
 * thread. FX thread only.
 */
public final class OperatorsPane {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  /** How long an invitation may be used, as offered. */
  private enum ValidFor {
    HOUR("1 hour", Duration.ofHours(1)),
    DAY("1 day", Duration.ofDays(1)),
    WEEK("7 days", Duration.ofDays(7));

    final String label;
    final Duration duration;

    ValidFor(String label, Duration duration) {
      this.label = label;
      this.duration = duration;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final FleetActions actions;

  /**
   * One line of the list: an operator known by key, or an invitation not used yet (no key yet).
   *
   * @param when when the operator was added; empty for an invitation, whose key column says until
   *     when it is valid
   */
  record Entry(String name, Role role, String addedBy, String when, String key, boolean invited) {
    static Entry of(OperatorAccount o) {
      return new Entry(
          o.name(),
          o.role(),
          o.addedBy(),
          WHEN.format(Instant.ofEpochMilli(o.addedAtMillis())),
          o.fingerprint(),
          false);
    }

    static Entry of(PendingInvitation i) {
      String until = WHEN.format(Instant.ofEpochMilli(i.expiresAtMillis()));
      return new Entry(
          i.name(),
          i.role(),
          i.invitedBy(),
          "",
          "invited, not attached yet (token valid until " + until + ")",
          true);
    }
  }

  private final TableView<Entry> table = new TableView<>();
  private final TextField name = new TextField();
  private final ChoiceBox<Role> role = new ChoiceBox<>();
  private final ChoiceBox<ValidFor> validFor = new ChoiceBox<>();
  private final Label outcome = new Label();
  private final TextArea command = new TextArea();
  private final Button copy = new Button("Copy");
  private final Button withdraw = new Button("Withdraw");
  private String invited; // the name of the invitation shown, until it is withdrawn
  private final VBox root;

  public OperatorsPane(FleetActions actions) {
    this.actions = actions;
    table.setId("operators-table");
    table.setPlaceholder(
        new Label("No operators yet: the first admin attaches with the admin token."));
    table.getColumns().add(column("Name", Entry::name, 100));
    table.getColumns().add(column("Role", o -> o.role().word(), 75));
    table.getColumns().add(column("Added by", Entry::addedBy, 100));
    table.getColumns().add(column("Added", Entry::when, 150));
    // The whole key: it is what an admin compares with the one the operator's console shows.
    table.getColumns().add(column("Key fingerprint", Entry::key, 420));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPrefHeight(180);
    table.setMinHeight(110); // a few rows stay in view when an invitation is shown below

    boolean admin = actions.role() == Role.ADMIN;
    Button remove = new Button("Remove…");
    remove.setId("remove-operator");
    remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    remove.setOnAction(e -> remove());
    Button refresh = new Button("Refresh");
    refresh.setOnAction(e -> refresh());
    HBox listButtons = new HBox(8, remove, refresh);

    name.setId("invite-name");
    name.setPromptText("name, e.g. alice");
    role.setId("invite-role");
    role.getItems().setAll(Role.values());
    role.setValue(Role.OPERATOR);
    role.setConverter(
        new javafx.util.StringConverter<>() {
          @Override
          public String toString(Role r) {
            return r == null ? "" : r.word();
          }

          @Override
          public Role fromString(String s) {
            return Role.ofWord(s);
          }
        });
    validFor.getItems().setAll(ValidFor.values());
    validFor.setValue(ValidFor.DAY);
    Button invite = new Button("Invite");
    invite.setId("invite-operator");
    invite.disableProperty().bind(name.textProperty().isEmpty());
    invite.setOnAction(e -> invite());
    name.setOnAction(e -> invite());
    HBox inviteRow =
        new HBox(
            8,
            new Label("Invite"),
            name,
            new Label("as"),
            role,
            new Label("valid for"),
            validFor,
            invite);
    inviteRow.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(name, Priority.ALWAYS);

    command.setId("invitation-command");
    command.setEditable(false);
    command.setWrapText(true);
    command.setPrefRowCount(3);
    command.setMinHeight(Region.USE_PREF_SIZE);
    // Always in its place, so the dialog opens at the size it needs once an invitation is made.
    command.setPromptText("The command line for the operator you invite appears here, once.");
    copy.setId("copy-invitation");
    copy.disableProperty().bind(command.textProperty().isEmpty());
    copy.setOnAction(
        e -> {
          ClipboardContent content = new ClipboardContent();
          content.putString(command.getText());
          Clipboard.getSystemClipboard().setContent(content);
        });
    outcome.setId("operators-outcome");
    outcome.setWrapText(true);
    outcome.setMinHeight(Region.USE_PREF_SIZE);
    Label hint =
        new Label(
            "Roles: a viewer sees everything; an operator also acknowledges, snoozes and sends"
                + " commands (each still subject to the agent's own allow-list); an admin also"
                + " enrolls agents and manages operators. The manager checks the role and audits"
                + " every change.");
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE);
    hint.getStyleClass().add("hint");
    // Sent to the wrong person? Withdrawn, the token admits no one even before it expires.
    withdraw.setId("withdraw-invitation");
    withdraw.disableProperty().bind(command.textProperty().isEmpty());
    withdraw.setOnAction(e -> withdraw());
    HBox commandButtons = new HBox(8, copy, withdraw);
    root = new VBox(8, table, listButtons, inviteRow, outcome, command, commandButtons, hint);
    if (!admin) {
      Label needs = new Label("Managing operators needs the admin role.");
      needs.setId("operators-needs-admin");
      root.getChildren().add(1, needs);
      listButtons.setDisable(true);
      inviteRow.setDisable(true);
    }
    root.setPadding(new Insets(10));
    VBox.setVgrow(table, Priority.ALWAYS);
    refresh();
  }

  /** The pane's node. */
  public VBox node() {
    return root;
  }

  /**
   * Reads the operators and the invitations not used yet again; completes once the list shows them.
   */
  public CompletableFuture<Void> refresh() {
    CompletableFuture<Void> shown = new CompletableFuture<>();
    actions
        .operators()
        .thenCombine(
            // A manager that cannot list invitations still lists its operators.
            actions.invitations().exceptionally(error -> List.of()),
            (operators, invitations) -> {
              List<Entry> entries = new ArrayList<>();
              operators.forEach(o -> entries.add(Entry.of(o)));
              invitations.forEach(i -> entries.add(Entry.of(i)));
              return entries;
            })
        .whenComplete(
            (List<Entry> all, Throwable error) ->
                Platform.runLater(
                    () -> {
                      if (error != null) {
                        outcome.setText("Cannot read the operators: " + Failure.sentence(error));
                      } else {
                        table.getItems().setAll(all);
                        table.getSelectionModel().clearSelection();
                      }
                      shown.complete(null);
                    }));
    return shown;
  }

  private void invite() {
    String who = name.getText().strip();
    if (who.isEmpty()) {
      return;
    }
    Role r = role.getValue();
    ValidFor v = validFor.getValue();
    outcome.setText("Inviting " + who + "…");
    actions
        .invite(who, r, v.duration)
        .whenComplete(
            (Invitation i, Throwable error) ->
                Platform.runLater(
                    () -> {
                      if (error != null) {
                        outcome.setText(sentence(Failure.sentence(error)));
                        return;
                      }
                      name.clear();
                      outcome.setText(
                          "A single-use token for "
                              + i.name()
                              + " ("
                              + i.role().word()
                              + "), valid until "
                              + WHEN.format(i.expiresAt())
                              + ". It is shown only now: give them this command to run on their"
                              + " computer.");
                      invited = i.name();
                      command.setText(i.command());
                      refresh();
                    }));
  }

  /**
   * Withdraws the invitation just shown, through Remove…: it asks first, and asks to remove the
   * operator instead if they attached meanwhile (the manager's one call does either).
   */
  private void withdraw() {
    String name = invited;
    if (name == null) {
      return;
    }
    // Asked afresh, so that the question names what the manager holds now.
    refresh()
        .thenRun(
            () ->
                Platform.runLater(
                    () ->
                        table.getItems().stream()
                            .filter(e -> e.name().equalsIgnoreCase(name))
                            .findFirst()
                            .ifPresentOrElse(
                                e -> {
                                  table.getSelectionModel().select(e);
                                  remove();
                                },
                                () ->
                                    outcome.setText(
                                        "The invitation of " + name + " is no longer waiting."))));
  }

  /** The command shown goes once its invitation is withdrawn. */
  private void withdrew(String name) {
    if (name.equalsIgnoreCase(invited)) {
      invited = null;
      command.clear();
    }
  }

  private void remove() {
    Entry o = table.getSelectionModel().getSelectedItem();
    if (o == null
        || !CommandDialogs.confirm(
            root.getScene().getWindow(),
            o.invited()
                ? Confirmation.withdrawInvitation(o.name())
                : Confirmation.removeOperator(o.name()),
            "confirm-remove-operator")) {
      return;
    }
    actions
        .removeOperator(o.name())
        .whenComplete(
            (Boolean removed, Throwable error) ->
                Platform.runLater(
                    () -> {
                      if (error == null && o.invited()) {
                        withdrew(o.name());
                      }
                      outcome.setText(
                          error != null
                              ? sentence(Failure.sentence(error))
                              : !removed
                                  ? o.name() + " was already gone."
                                  : o.invited()
                                      ? "Withdrew the invitation of "
                                          + o.name()
                                          + ": its token admits no one."
                                      : "Removed " + o.name() + "; their consoles were detached.");
                      refresh();
                    }));
  }

  /** The manager's words as a sentence: capitalised, with a full stop. */
  private static String sentence(String s) {
    String first = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return first.endsWith(".") ? first : first + ".";
  }

  private static TableColumn<Entry, String> column(
      String title, Function<Entry, String> value, double width) {
    TableColumn<Entry, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }
}
