package com.ukeybridge.agent.dialog;

import com.ukeybridge.agent.dialog.DialogTexts.ConsentTexts;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;

/**
 * Asks before a write to a key: who asks, what will happen, for which subject, and for a
 * certificate its issuer and validity, the replaced one's too. Built and used on the EDT only.
 */
final class ConsentDialog {
    static final String NAME = "consent";
    static final String ALLOW = "allow";
    static final String DETAILS = "certificates";

    private final JDialog dialog;
    private final JButton deny;
    private final DialogAnswer<Boolean> answer;

    private ConsentDialog(ConsentTexts texts, DialogAnswer<Boolean> answer) {
        this.answer = answer;
        dialog = DialogWindows.create(NAME, texts.title(), () -> give(false));
        JButton allow = new JButton(texts.allow());
        allow.setName(ALLOW);
        allow.addActionListener(e -> give(true));
        deny = new JButton(texts.deny());
        deny.addActionListener(e -> give(false));

        JPanel body = new JPanel(new GridLayout(0, 1, 0, 6));
        body.add(new JLabel(texts.origin()));
        body.add(new JLabel(texts.action()));
        // The subject can be long: a read-only text area wraps it and lets it be copied.
        JTextArea subject = new JTextArea(texts.subject(), 2, 40);
        subject.setEditable(false);
        subject.setLineWrap(true);
        subject.setOpaque(false);
        subject.setFont(new JLabel().getFont().deriveFont(Font.BOLD));
        JPanel facts = new JPanel(new BorderLayout(0, 6));
        facts.add(subject, BorderLayout.NORTH);
        if (!texts.details().isEmpty()) {
            JTextArea details = new JTextArea(String.join("\n\n", texts.details()), 2 * texts.details().size() + 1, 40);
            details.setName(DETAILS);
            details.setEditable(false);
            details.setLineWrap(true);
            details.setWrapStyleWord(true);
            details.setOpaque(false);
            facts.add(details, BorderLayout.CENTER);
        }
        JPanel middle = new JPanel(new BorderLayout(0, 6));
        middle.add(body, BorderLayout.NORTH);
        middle.add(facts, BorderLayout.CENTER);
        middle.add(new JLabel(texts.question()), BorderLayout.SOUTH);

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.add(allow);
        buttons.add(deny);
        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(14, 16, 12, 16));
        content.add(middle, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(content);
        // Enter denies: agreeing to change a key takes a deliberate click on "Allow".
        dialog.getRootPane().setDefaultButton(deny);
    }

    static ConsentDialog open(ConsentTexts texts, DialogAnswer<Boolean> answer) {
        ConsentDialog consent = new ConsentDialog(texts, answer);
        DialogWindows.show(consent.dialog, consent.deny);
        return consent;
    }

    private void give(boolean agreed) {
        answer.give(agreed);
        close();
    }

    void close() {
        dialog.dispose();
    }
}
