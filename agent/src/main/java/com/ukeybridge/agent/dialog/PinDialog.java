package com.ukeybridge.agent.dialog;

import com.ukeybridge.agent.dialog.DialogTexts.PinTexts;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.Arrays;

/**
 * The agent's own PIN dialog. The PIN goes from the field into a {@code char[]} handed to the
 * waiting worker, never into a {@code String}; the field is cleared as the dialog closes.
 * Built and used on the EDT only.
 */
final class PinDialog {
    static final String NAME = "pin";
    static final String FIELD = "pin-field";
    static final String OK = "ok";

    private final JDialog dialog;
    private final JPasswordField field;
    private final DialogAnswer<char[]> answer;

    private PinDialog(PinTexts texts, DialogAnswer<char[]> answer) {
        this.answer = answer;
        dialog = DialogWindows.create(NAME, texts.title(), this::cancel);
        field = new JPasswordField(18);
        field.setName(FIELD);
        JButton ok = new JButton(texts.ok());
        ok.setName(OK);
        ok.setEnabled(false);
        ok.addActionListener(e -> submit());
        JButton cancel = new JButton(texts.cancel());
        cancel.addActionListener(e -> cancel());
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                ok.setEnabled(field.getDocument().getLength() > 0);
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                ok.setEnabled(field.getDocument().getLength() > 0);
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
            }
        });

        JPanel body = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridwidth = 2;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(0, 0, 6, 0);
        body.add(new JLabel(texts.origin()), c);
        JLabel key = new JLabel(texts.key());
        key.setFont(key.getFont().deriveFont(Font.BOLD, key.getFont().getSize2D() + 1));
        body.add(key, c);
        texts.warning().ifPresent(text -> {
            JLabel warning = new JLabel(text);
            warning.setForeground(new Color(0xb0, 0x20, 0x18));
            warning.setFont(warning.getFont().deriveFont(Font.BOLD));
            body.add(warning, c);
        });
        c.gridwidth = 1;
        c.gridy = 10;
        c.insets = new Insets(6, 0, 6, 8);
        body.add(new JLabel(texts.prompt()), c);
        c.gridx = 1;
        c.insets = new Insets(6, 0, 6, 0);
        c.fill = GridBagConstraints.HORIZONTAL;
        body.add(field, c);
        c.gridx = 0;
        c.gridy = 11;
        c.gridwidth = 2;
        JLabel hint = new JLabel(texts.hint());
        hint.setForeground(Color.GRAY);
        body.add(hint, c);

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.add(ok);
        buttons.add(cancel);
        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(14, 16, 12, 16));
        content.add(body, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(ok);
    }

    static PinDialog open(PinTexts texts, DialogAnswer<char[]> answer) {
        PinDialog pin = new PinDialog(texts, answer);
        DialogWindows.show(pin.dialog, pin.field);
        return pin;
    }

    private void submit() {
        char[] pin = field.getPassword();
        if (!answer.give(pin)) {
            Arrays.fill(pin, '\0');
        }
        close();
    }

    private void cancel() {
        answer.give(null);
        close();
    }

    /** Clears the field and disposes of the dialog; safe to call twice. */
    void close() {
        field.setText("");
        dialog.dispose();
    }
}
