package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.Agent;
import com.ukeybridge.token.ModuleStatus;
import com.ukeybridge.token.KeyToken;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The facts of a running agent: its keys, its modules, its port; "no module loaded" as a problem. */
public final class AgentFacts implements FactsSource {
    private final Agent agent;

    public AgentFacts(Agent agent) {
        this.agent = agent;
    }

    @Override
    public DesktopFacts read() {
        List<ModuleStatus> modules = agent.modules();
        List<KeyContents> keys = new ArrayList<>();
        for (KeyToken token : agent.tokens()) {
            KeyReader.read(token).ifPresent(keys::add);
        }
        List<AgentProblem> problems = modules.stream().anyMatch(ModuleStatus::loaded)
                ? List.of() : List.of(AgentProblem.noModuleLoaded());
        return new DesktopFacts(keys, modules, problems, OptionalInt.of(agent.port()));
    }

    @Override
    public void onChange(Runnable listener) {
        agent.addTokenListener(listener::run);
    }

    /** The facts of an agent that could not start because {@code port} is taken: nothing but the problem. */
    public static FactsSource portTaken(int port) {
        DesktopFacts facts = new DesktopFacts(List.of(), List.of(), List.of(AgentProblem.portTaken(port)), OptionalInt.empty());
        return new FactsSource() {
            @Override
            public DesktopFacts read() {
                return facts;
            }

            @Override
            public void onChange(Runnable listener) {
            }
        };
    }
}
