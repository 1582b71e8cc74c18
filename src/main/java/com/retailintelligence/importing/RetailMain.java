package com.retailintelligence.importing;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * The jar's entry point: with no arguments it runs the service; {@code import …} runs one import (ImportCommand)
 * and exits. An import runs the service's own code against the same database and Redis, but serves no HTTP, runs
 * no schedules and logs only warnings: it is a tool, not another replica.
 */
@QuarkusMain
public class RetailMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (args.length > 0 && "import".equals(args[0])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            System.setProperty("quarkus.log.console.json.enabled", "false");
            setIfAbsent("quarkus.log.level", "WARN");
            setIfAbsent("retail.demo.enabled", "false");
            setIfAbsent("telegram.webhook-url", "");
        }
        Quarkus.run(RetailMain.class, args);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        return new CommandLine(new Commands(), factory).execute(args);
    }

    /** The jar's commands: only {@code import} so far. */
    @CommandLine.Command(name = "retail-intelligence", mixinStandardHelpOptions = true, subcommands = ImportCommand.class,
            description = "Run with no arguments to start the service.")
    static class Commands implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }
    }
}
