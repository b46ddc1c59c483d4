package com.ukeybridge.agent.desktop;

import com.ukeybridge.token.CertificateUsage;
import com.ukeybridge.agent.desktop.DesktopState.CertificateStanding;
import com.ukeybridge.agent.desktop.DesktopState.KeyStanding;
import com.ukeybridge.agent.i18n.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the tray's tooltip and menu from a {@link DesktopState}, in the user's language. */
public final class TrayMenus {
    private final Messages messages;
    private final List<String> allowedSites;
    private final boolean updateSiteKnown;

    public TrayMenus(Messages messages, List<String> allowedSites, boolean updateSiteKnown) {
        this.messages = messages;
        this.allowedSites = List.copyOf(allowedSites);
        this.updateSiteKnown = updateSiteKnown;
    }

    public TrayModel model(DesktopState state) {
        return new TrayModel(state.tray(), tooltip(state), menu(state));
    }

    String tooltip(DesktopState state) {
        String summary = switch (state.tray()) {
            case PROBLEM -> messages.get("tray.problem", problemText(state.problems().get(0)));
            case NO_KEY -> messages.get("tray.noKey");
            case EXPIRED -> messages.get("tray.expired");
            case EXPIRING -> {
                long days = state.soonestExpiring().orElseThrow().status().daysLeft();
                yield days == 0 ? messages.get("tray.expiringToday") : messages.get("tray.expiring", days);
            }
            case ALL_VALID -> state.certificates().isEmpty() ? messages.get("tray.blankKey") : messages.get("tray.allValid");
        };
        return messages.get("app.name") + "\n" + summary;
    }

    public String problemText(AgentProblem problem) {
        return switch (problem.kind()) {
            case PORT_TAKEN -> messages.get("problem.portTaken", problem.port());
            case NO_MODULE_LOADED -> messages.get("problem.noModule");
        };
    }

    List<MenuEntry> menu(DesktopState state) {
        List<MenuEntry> menu = new ArrayList<>();
        for (AgentProblem problem : state.problems()) {
            menu.add(new MenuEntry.Info(problemText(problem), true));
        }
        if (state.keys().isEmpty()) {
            menu.add(new MenuEntry.Info(messages.get("menu.noKey"), false));
        }
        for (KeyStanding key : state.keys()) {
            menu.add(new MenuEntry.Info(messages.get("menu.key", key.key().label()), false));
            if (key.certificates().isEmpty()) {
                menu.add(new MenuEntry.Info("    " + messages.get("menu.noCertificate"), false));
            }
            Optional<String> pairShown = Optional.empty();
            for (CertificateStanding certificate : key.certificates()) {
                Optional<String> pair = certificate.certificate().pair();
                if (pair.isEmpty()) {
                    menu.add(new MenuEntry.Info("    " + certificateLine(certificate), certificate.needsRenewal()));
                    continue;
                }
                // A GM key's signing and encryption certificates: one heading, then each with its dates.
                if (!pair.equals(pairShown)) {
                    menu.add(new MenuEntry.Info("    " + certificate.certificate().name(), false));
                    pairShown = pair;
                }
                menu.add(new MenuEntry.Info("      " + certificateLine(certificate, usageName(certificate)), certificate.needsRenewal()));
            }
        }
        menu.add(new MenuEntry.Separator());
        menu.add(new MenuEntry.Command(messages.get("menu.update"), TrayAction.OPEN_UPDATE_SITE, updateSiteKnown));
        menu.add(new MenuEntry.Command(messages.get("menu.diagnostics"), TrayAction.SHOW_DIAGNOSTICS, true));
        List<MenuEntry> sites = allowedSites.isEmpty()
                ? List.of(new MenuEntry.Info(messages.get("menu.noSites"), false))
                : allowedSites.stream().<MenuEntry>map(site -> new MenuEntry.Info(site, false)).toList();
        menu.add(new MenuEntry.Submenu(messages.get("menu.sites"), sites));
        menu.add(new MenuEntry.Separator());
        menu.add(new MenuEntry.Command(messages.get("menu.quit"), TrayAction.QUIT, true));
        return menu;
    }

    String certificateLine(CertificateStanding certificate) {
        return certificateLine(certificate, certificate.certificate().name());
    }

    /** "签名证书" or "加密证书": what a GM key's certificate is called in its pair. */
    private String usageName(CertificateStanding certificate) {
        return messages.get(certificate.certificate().usage() == CertificateUsage.ENCRYPTION
                ? "menu.certificate.encryptionCertificate" : "menu.certificate.signingCertificate");
    }

    private String certificateLine(CertificateStanding certificate, String name) {
        long days = certificate.status().daysLeft();
        if (certificate.expired()) {
            // daysLeft is -1 from the first second past notAfter: "expired 1 day ago" reads right.
            return messages.get("menu.certificate.expired", name, -days);
        }
        return messages.get(certificate.expiring() ? "menu.certificate.expiring" : "menu.certificate.valid", name, days);
    }
}
