/*
 * softskf-util: makes, lists, unplugs, re-plugs and deletes softskf devices in $SOFTSKF_DIR.
 *
 *   softskf-util --init --label L --pin P [--so-pin S] [--serial N] [--name DEVICE] [--app APP] [--retries N]
 *   softskf-util --list
 *   softskf-util --unplug | --plug | --delete   (--name DEVICE | --label L)
 *
 * --init prints the new device's name. Exit status 0 on success, 1 on a failure, 2 on bad usage.
 */
#define _GNU_SOURCE
#include "gm.h"
#include "skf.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_APP "DEFAULT_APP"
#define DEFAULT_SO_PIN "12345678"
#define DEFAULT_RETRIES 10
/* The factory device-authentication key; SKF_ChangeDevAuthKey changes it. */
static const uint8_t DEFAULT_DEV_AUTH_KEY[16] = {'1', '2', '3', '4', '5', '6', '7', '8',
                                                 '1', '2', '3', '4', '5', '6', '7', '8'};

typedef struct {
    const char *command;
    const char *label;
    const char *pin;
    const char *so_pin;
    const char *serial;
    const char *name;
    const char *app;
    const char *retries_text;
} options;

static int usage(const char *message) {
    fprintf(stderr,
            "softskf-util: %s\n"
            "usage: softskf-util --init --label L --pin P [--so-pin S] [--serial N] [--name DEVICE] [--app APP] [--retries N]\n"
            "       softskf-util --list\n"
            "       softskf-util --unplug|--plug|--delete (--name DEVICE | --label L)\n"
            "Devices live in $SOFTSKF_DIR.\n",
            message);
    return 2;
}

static int fail(const char *message, const char *detail) {
    fprintf(stderr, "softskf-util: %s%s%s\n", message, detail != NULL ? ": " : "", detail != NULL ? detail : "");
    return 1;
}

static int init_device(const options *o) {
    if (o->label == NULL || o->pin == NULL) {
        return usage("--init needs --label and --pin");
    }
    if (strlen(o->label) == 0 || strlen(o->label) > STORE_LABEL_MAX) {
        return fail("the label must be 1 to 31 bytes", o->label);
    }
    const char *so_pin = o->so_pin != NULL ? o->so_pin : DEFAULT_SO_PIN;
    if (!store_pin_length_ok(o->pin) || !store_pin_length_ok(so_pin)) {
        return fail("PINs must be 6 to 16 characters", NULL);
    }
    char *end = NULL;
    long retries = o->retries_text != NULL ? strtol(o->retries_text, &end, 10) : DEFAULT_RETRIES;
    if (retries < 1 || retries > 15 || (end != NULL && *end != '\0')) {
        return fail("--retries must be 1 to 15", o->retries_text);
    }
    const char *app_name = o->app != NULL ? o->app : DEFAULT_APP;
    if (strlen(app_name) == 0 || strlen(app_name) > STORE_APP_NAME_MAX) {
        return fail("the application name must be 1 to 32 bytes", app_name);
    }
    char serial[STORE_SERIAL_MAX + 1];
    if (o->serial != NULL) {
        if (strlen(o->serial) == 0 || strlen(o->serial) > STORE_SERIAL_MAX) {
            return fail("the serial must be 1 to 31 bytes", o->serial);
        }
        snprintf(serial, sizeof serial, "%s", o->serial);
    } else {
        uint8_t random[8];
        if (!gm_random(random, sizeof random)) {
            return fail("no random numbers", NULL);
        }
        for (size_t i = 0; i < sizeof random; i++) {
            snprintf(serial + 2 * i, 3, "%02X", random[i]);
        }
    }
    char name[STORE_DEVICE_NAME_MAX + 1];
    snprintf(name, sizeof name, "%s", o->name != NULL ? o->name : "");
    if (o->name == NULL) {
        snprintf(name, sizeof name, "SoftSKF-%s", serial);
    }
    if (!store_valid_device_name(name)) {
        return fail("a device name is 1 to 64 of A-Z a-z 0-9 - _ . and space, not starting with '.'", name);
    }
    store_device *dev = store_device_new();
    if (dev == NULL) {
        return fail("out of memory", NULL);
    }
    snprintf(dev->label, sizeof dev->label, "%s", o->label);
    snprintf(dev->serial, sizeof dev->serial, "%s", serial);
    memcpy(dev->dev_auth_key, DEFAULT_DEV_AUTH_KEY, sizeof dev->dev_auth_key);
    store_app *app = &dev->apps[0];
    dev->n_apps = 1;
    snprintf(app->name, sizeof app->name, "%s", app_name);
    app->create_file_rights = SECURE_USER_ACCOUNT;
    app->admin.max_retries = app->admin.remaining = (uint32_t)retries;
    app->user.max_retries = app->user.remaining = (uint32_t)retries;
    /* As a key leaves the issuer: the PINs count as defaults until the holder changes them. */
    app->admin.is_default = app->user.is_default = 1;
    int ok = store_pin_set(&app->admin, so_pin) && store_pin_set(&app->user, o->pin) && store_create(name, dev);
    store_device_free(dev);
    if (!ok) {
        return fail("could not create the device (name taken, or SOFTSKF_DIR not writable)", name);
    }
    printf("%s\n", name);
    return 0;
}

static void print_devices(int plugged) {
    char *names = NULL;
    size_t count = 0;
    if (!store_list(plugged, &names, &count)) {
        return;
    }
    store_device *dev = store_device_new();
    for (const char *p = names; dev != NULL && p != NULL && *p; p += strlen(p) + 1) {
        if (store_load(p, plugged, dev) == 1) {
            printf("%s\t%s\t%s\t%s\n", p, plugged ? "present" : "unplugged", dev->label, dev->serial);
        }
    }
    store_device_free(dev);
    free(names);
}

/* The device named by --name, or the one device labelled --label, among plugged (or unplugged) ones. */
static int select_device(const options *o, int plugged, char *out, size_t size) {
    if (o->name != NULL) {
        snprintf(out, size, "%s", o->name);
        return 1;
    }
    if (o->label == NULL) {
        return 0;
    }
    char *names = NULL;
    size_t count = 0;
    int matches = 0;
    store_device *dev = store_device_new();
    if (dev != NULL && store_list(plugged, &names, &count)) {
        for (const char *p = names; p != NULL && *p; p += strlen(p) + 1) {
            if (store_load(p, plugged, dev) == 1 && strcmp(dev->label, o->label) == 0) {
                snprintf(out, size, "%s", p);
                matches++;
            }
        }
    }
    store_device_free(dev);
    free(names);
    return matches == 1;
}

static int move_command(const options *o) {
    int want_plugged = strcmp(o->command, "--plug") != 0;
    char name[STORE_DEVICE_NAME_MAX + 1];
    if (o->name == NULL && o->label == NULL) {
        return usage("name the device with --name or --label");
    }
    if (!select_device(o, want_plugged, name, sizeof name)) {
        return fail("no single such device", o->label);
    }
    int ok = strcmp(o->command, "--unplug") == 0 ? store_unplug(name)
           : strcmp(o->command, "--plug") == 0   ? store_plug(name)
                                                 : store_remove(name, 1) || store_remove(name, 0);
    return ok ? 0 : fail("no such device", name);
}

int main(int argc, char **argv) {
    options o = {0};
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "--init") == 0 || strcmp(arg, "--list") == 0 || strcmp(arg, "--unplug") == 0 ||
            strcmp(arg, "--plug") == 0 || strcmp(arg, "--delete") == 0) {
            if (o.command != NULL) {
                return usage("one command at a time");
            }
            o.command = arg;
            continue;
        }
        const char **target = strcmp(arg, "--label") == 0    ? &o.label
                            : strcmp(arg, "--pin") == 0      ? &o.pin
                            : strcmp(arg, "--so-pin") == 0   ? &o.so_pin
                            : strcmp(arg, "--serial") == 0   ? &o.serial
                            : strcmp(arg, "--name") == 0     ? &o.name
                            : strcmp(arg, "--app") == 0      ? &o.app
                            : strcmp(arg, "--retries") == 0  ? &o.retries_text
                                                             : NULL;
        if (target == NULL) {
            return usage("unknown option");
        }
        if (value == NULL) {
            return usage("an option lacks its value");
        }
        *target = value;
        i++;
    }
    if (o.command == NULL) {
        return usage("no command");
    }
    if (store_root() == NULL) {
        return fail("SOFTSKF_DIR is not set", NULL);
    }
    if (strcmp(o.command, "--init") == 0) {
        return init_device(&o);
    }
    if (strcmp(o.command, "--list") == 0) {
        print_devices(1);
        print_devices(0);
        return 0;
    }
    return move_command(&o);
}
