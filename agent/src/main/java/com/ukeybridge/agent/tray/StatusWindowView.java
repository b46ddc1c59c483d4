package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.MenuEntry;
import com.ukeybridge.agent.desktop.Notice;
import com.ukeybridge.agent.desktop.TrayAction;
import com.ukeybridge.agent.desktop.TrayActions;
import com.ukeybridge.agent.desktop.TrayModel;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.i18n.Messages;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Frame;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;

/**
 * Where there is no system tray (GNOME without the AppIndicator extension, a bare X server):
 * a small window with the same state, texts and commands as the tray menu. Closing it only
 * minimises it, since there is no icon to bring it back from; "Quit" quits.
 */
final class StatusWindowView implements TrayView {
    private final Messages messages;
    private JFrame frame;
    private JLabel stateIcon;
    private JLabel summary;
    private JPanel entries;
    private JButton notice;
    private TrayActions actions;

    StatusWindowView(Messages messages) {
        this.messages = messages;
    }

    @Override
    public void start(TrayActions actions) {
        this.actions = actions;
        SwingUtilities.invokeLater(this::build);
    }

    private void build() {
        frame = new JFrame(messages.get("app.name"));
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                frame.setExtendedState(Frame.ICONIFIED);
            }
        });
        stateIcon = new JLabel();
        summary = new JLabel();
        summary.setFont(summary.getFont().deriveFont(Font.BOLD, 14f));
        JPanel header = new JPanel(new BorderLayout(10, 0));
        header.add(stateIcon, BorderLayout.WEST);
        header.add(summary, BorderLayout.CENTER);
        notice = new JButton();
        notice.setVisible(false);
        notice.setBackground(new Color(0xff, 0xf4, 0xd6));
        notice.addActionListener(e -> actions.perform(TrayAction.OPEN_UPDATE_SITE));
        entries = new JPanel();
        entries.setLayout(new BoxLayout(entries, BoxLayout.Y_AXIS));
        JPanel top = new JPanel(new BorderLayout(0, 8));
        top.add(header, BorderLayout.NORTH);
        top.add(notice, BorderLayout.SOUTH);
        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(12, 14, 12, 14));
        content.add(top, BorderLayout.NORTH);
        content.add(entries, BorderLayout.CENTER);
        frame.setContentPane(content);
        frame.setMinimumSize(new Dimension(380, 200));
        frame.pack();
        frame.setLocationByPlatform(true);
        frame.setVisible(true);
    }

    @Override
    public void show(TrayModel model) {
        SwingUtilities.invokeLater(() -> {
            stateIcon.setIcon(new ImageIcon(TrayIcons.draw(model.state(), 32)));
            frame.setIconImage(TrayIcons.draw(model.state(), 32));
            String[] lines = model.tooltip().split("\n", 2);
            frame.setTitle(lines[0]);
            summary.setText(lines.length > 1 ? lines[1] : lines[0]);
            entries.removeAll();
            addAll(entries, model.menu(), 0);
            frame.pack();
            frame.repaint();
        });
    }

    private void addAll(JPanel panel, List<MenuEntry> menu, int indent) {
        for (MenuEntry entry : menu) {
            JComponent line;
            if (entry instanceof MenuEntry.Separator) {
                panel.add(Box.createVerticalStrut(6));
                line = new JSeparator();
                line.setMaximumSize(new Dimension(Integer.MAX_VALUE, 2));
            } else if (entry instanceof MenuEntry.Info info) {
                JLabel label = new JLabel(info.text());
                if (info.warning()) {
                    label.setForeground(new Color(0xb0, 0x20, 0x18));
                    label.setFont(label.getFont().deriveFont(Font.BOLD));
                }
                line = label;
            } else if (entry instanceof MenuEntry.Command command) {
                JButton button = new JButton(command.text());
                button.setEnabled(command.enabled());
                button.addActionListener(e -> actions.perform(command.action()));
                line = button;
            } else {
                MenuEntry.Submenu submenu = (MenuEntry.Submenu) entry;
                panel.add(Box.createVerticalStrut(4));
                panel.add(left(new JLabel(submenu.text() + ":"), indent));
                addAll(panel, submenu.entries(), indent + 16);
                continue;
            }
            panel.add(Box.createVerticalStrut(3));
            panel.add(left(line, indent));
        }
    }

    private static JComponent left(JComponent component, int indent) {
        component.setAlignmentX(Component.LEFT_ALIGNMENT);
        if (indent > 0) {
            component.setBorder(BorderFactory.createEmptyBorder(0, indent, 0, 0));
        }
        return component;
    }

    @Override
    public void showDiagnostics(String title, String text) {
        SwingUtilities.invokeLater(() -> DiagnosticsWindow.open(messages, title, text));
    }

    @Override
    public void notify(Notice text) {
        SwingUtilities.invokeLater(() -> {
            notice.setText("<html><b>" + escape(text.title()) + "</b><br>" + escape(text.text()) + "</html>");
            notice.setVisible(true);
            frame.pack();
            if ((frame.getExtendedState() & Frame.ICONIFIED) != 0) {
                frame.setExtendedState(Frame.NORMAL);
            }
            frame.toFront();
        });
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        SwingUtilities.invokeLater(() -> {
            if (frame != null) {
                frame.dispose();
            }
        });
    }

    /** The window, for the screenshot test. */
    JFrame frame() {
        return frame;
    }
}
