package com.ukeybridge.agent.dialog;

import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.KeyStroke;
import java.awt.Dialog;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;

/** What both dialogs share: on top of everything, modal to nothing, closing or Escape is "no". */
final class DialogWindows {
    static final String NAME_PREFIX = "ukey-";

    private DialogWindows() {
    }

    static JDialog create(String name, String title, Runnable onClose) {
        // No owner and modeless: the agent has no main window, and other pages' requests must go on.
        JDialog dialog = new JDialog((java.awt.Frame) null, title, Dialog.ModalityType.MODELESS);
        dialog.setName(NAME_PREFIX + name);
        dialog.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        dialog.setAlwaysOnTop(true);
        dialog.setResizable(false);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                onClose.run();
            }
        });
        dialog.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "close");
        dialog.getRootPane().getActionMap().put("close", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                onClose.run();
            }
        });
        return dialog;
    }

    /** Shows it in the middle of the screen, in front, asking for the focus. */
    static void show(JDialog dialog, JComponent focus) {
        dialog.pack();
        dialog.setLocationRelativeTo(null);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent e) {
                focus.requestFocusInWindow();
            }
        });
        dialog.setVisible(true);
        dialog.toFront();
        dialog.requestFocus();
        focus.requestFocusInWindow();
    }
}
