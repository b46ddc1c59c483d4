#define _GNU_SOURCE
#include "store.h"

#include "gm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_FILE "state"
#define UNPLUGGED ".unplugged"
#define FORMAT_LINE "softskf-device 1"

const char *store_root(void) {
    const char *root = getenv("SOFTSKF_DIR");
    return root != NULL && root[0] != '\0' ? root : NULL;
}

int store_valid_device_name(const char *name) {
    size_t len = name != NULL ? strlen(name) : 0;
    if (len == 0 || len > STORE_DEVICE_NAME_MAX || name[0] == '.') {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ' ')) {
            return 0;
        }
    }
    return 1;
}

static int device_dir(char *out, size_t size, const char *name, int plugged) {
    const char *root = store_root();
    if (root == NULL || !store_valid_device_name(name)) {
        return 0;
    }
    int n = plugged ? snprintf(out, size, "%s/%s", root, name) : snprintf(out, size, "%s/" UNPLUGGED "/%s", root, name);
    return n > 0 && (size_t)n < size;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_list(int plugged, char **names, size_t *count) {
    *names = NULL;
    *count = 0;
    const char *root = store_root();
    if (root == NULL) {
        return 1;
    }
    char dir_path[4096];
    int n = plugged ? snprintf(dir_path, sizeof dir_path, "%s", root)
                    : snprintf(dir_path, sizeof dir_path, "%s/" UNPLUGGED, root);
    if (n <= 0 || (size_t)n >= sizeof dir_path) {
        return 0;
    }
    DIR *dir = opendir(dir_path);
    if (dir == NULL) {
        return errno == ENOENT;
    }
    char *found[256];
    size_t found_count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && found_count < 256) {
        char state[4096 + 300];
        struct stat st;
        if (!store_valid_device_name(entry->d_name)) {
            continue;
        }
        snprintf(state, sizeof state, "%s/%s/" STATE_FILE, dir_path, entry->d_name);
        if (stat(state, &st) == 0 && S_ISREG(st.st_mode) && (found[found_count] = strdup(entry->d_name)) != NULL) {
            found_count++;
        }
    }
    closedir(dir);
    qsort(found, found_count, sizeof found[0], compare_names);
    size_t total = 0;
    for (size_t i = 0; i < found_count; i++) {
        total += strlen(found[i]) + 1;
    }
    char *out = malloc(total + 1);
    char *p = out;
    for (size_t i = 0; i < found_count; i++) {
        if (out != NULL) {
            size_t len = strlen(found[i]) + 1;
            memcpy(p, found[i], len);
            p += len;
        }
        free(found[i]);
    }
    if (out == NULL) {
        return 0;
    }
    *p = '\0';
    *names = out;
    *count = found_count;
    return 1;
}

/* ---- the text format: one record per line, binary and names in hex ---- */

static void put_hex(FILE *f, const uint8_t *data, size_t len) {
    if (len == 0) {
        fputc('-', f);
    }
    for (size_t i = 0; i < len; i++) {
        fprintf(f, "%02x", data[i]);
    }
}

static void put_text(FILE *f, const char *text) {
    put_hex(f, (const uint8_t *)text, strlen(text));
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes exactly `len` bytes ("-" is empty); returns 1 on success. */
static int get_hex(const char *hex, uint8_t *out, size_t len) {
    if (strcmp(hex, "-") == 0) {
        return len == 0;
    }
    if (strlen(hex) != 2 * len) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        int hi = hex_value(hex[2 * i]);
        int lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return 0;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 1;
}

static int get_text(const char *hex, char *out, size_t max) {
    size_t len = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 2;
    if (len > max || !get_hex(hex, (uint8_t *)out, len)) {
        return 0;
    }
    out[len] = '\0';
    return strlen(out) == len;
}

static int get_cert(const char *hex, store_cert *cert) {
    size_t len = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 2;
    if (len > STORE_CERT_MAX || !get_hex(hex, cert->der, len)) {
        return 0;
    }
    cert->len = len;
    return 1;
}

static void put_pin(FILE *f, const char *which, const store_pin *pin) {
    fprintf(f, "pin %s ", which);
    put_hex(f, pin->salt, sizeof pin->salt);
    fputc(' ', f);
    put_hex(f, pin->hash, sizeof pin->hash);
    fprintf(f, " %u %u %d\n", pin->max_retries, pin->remaining, pin->is_default);
}

static void put_key(FILE *f, const char *which, const store_keypair *key) {
    if (key->present) {
        fprintf(f, "key %s ", which);
        put_hex(f, key->priv, sizeof key->priv);
        fputc(' ', f);
        put_hex(f, key->pub, sizeof key->pub);
        fputc('\n', f);
    }
}

static void put_cert(FILE *f, const char *which, const store_cert *cert) {
    if (cert->len > 0) {
        fprintf(f, "cert %s ", which);
        put_hex(f, cert->der, cert->len);
        fputc('\n', f);
    }
}

static void write_device(FILE *f, const store_device *dev) {
    fputs(FORMAT_LINE "\nlabel ", f);
    put_text(f, dev->label);
    fputs("\nserial ", f);
    put_text(f, dev->serial);
    fprintf(f, "\ninsertions %u\ndevauth ", dev->insertions);
    put_hex(f, dev->dev_auth_key, sizeof dev->dev_auth_key);
    fputc('\n', f);
    for (int a = 0; a < dev->n_apps; a++) {
        const store_app *app = &dev->apps[a];
        fputs("app ", f);
        put_text(f, app->name);
        fprintf(f, " %u\n", app->create_file_rights);
        put_pin(f, "admin", &app->admin);
        put_pin(f, "user", &app->user);
        for (int c = 0; c < app->n_containers; c++) {
            const store_container *con = &app->containers[c];
            fputs("container ", f);
            put_text(f, con->name);
            fprintf(f, " %u\n", con->type);
            put_key(f, "sign", &con->sign);
            put_key(f, "enc", &con->enc);
            put_cert(f, "sign", &con->sign_cert);
            put_cert(f, "enc", &con->enc_cert);
        }
    }
    fputs("end\n", f);
}

static int parse_line(store_device *dev, char *line, int *ended) {
    char *fields[8] = {0};
    int n = 0;
    for (char *save = NULL, *tok = strtok_r(line, " \n", &save); tok != NULL && n < 8;
         tok = strtok_r(NULL, " \n", &save)) {
        fields[n++] = tok;
    }
    if (n == 0) {
        return 1;
    }
    store_app *app = dev->n_apps > 0 ? &dev->apps[dev->n_apps - 1] : NULL;
    store_container *con = app != NULL && app->n_containers > 0 ? &app->containers[app->n_containers - 1] : NULL;
    const char *what = fields[0];
    if (strcmp(what, "end") == 0 && n == 1) {
        *ended = 1;
        return 1;
    }
    if (strcmp(what, "label") == 0 && n == 2) {
        return get_text(fields[1], dev->label, STORE_LABEL_MAX);
    }
    if (strcmp(what, "serial") == 0 && n == 2) {
        return get_text(fields[1], dev->serial, STORE_SERIAL_MAX);
    }
    if (strcmp(what, "insertions") == 0 && n == 2) {
        dev->insertions = (uint32_t)strtoul(fields[1], NULL, 10);
        return 1;
    }
    if (strcmp(what, "devauth") == 0 && n == 2) {
        return get_hex(fields[1], dev->dev_auth_key, sizeof dev->dev_auth_key);
    }
    if (strcmp(what, "app") == 0 && n == 3 && dev->n_apps < STORE_MAX_APPS) {
        store_app *added = &dev->apps[dev->n_apps++];
        added->create_file_rights = (uint32_t)strtoul(fields[2], NULL, 10);
        return get_text(fields[1], added->name, STORE_APP_NAME_MAX);
    }
    if (strcmp(what, "pin") == 0 && n == 7 && app != NULL) {
        store_pin *pin = strcmp(fields[1], "admin") == 0 ? &app->admin : strcmp(fields[1], "user") == 0 ? &app->user : NULL;
        if (pin == NULL) {
            return 0;
        }
        pin->max_retries = (uint32_t)strtoul(fields[4], NULL, 10);
        pin->remaining = (uint32_t)strtoul(fields[5], NULL, 10);
        pin->is_default = atoi(fields[6]) != 0;
        return get_hex(fields[2], pin->salt, sizeof pin->salt) && get_hex(fields[3], pin->hash, sizeof pin->hash);
    }
    if (strcmp(what, "container") == 0 && n == 3 && app != NULL && app->n_containers < STORE_MAX_CONTAINERS) {
        store_container *added = &app->containers[app->n_containers++];
        added->type = (uint32_t)strtoul(fields[2], NULL, 10);
        return get_text(fields[1], added->name, STORE_CONTAINER_NAME_MAX);
    }
    if (strcmp(what, "key") == 0 && n == 4 && con != NULL) {
        store_keypair *key = strcmp(fields[1], "sign") == 0 ? &con->sign : strcmp(fields[1], "enc") == 0 ? &con->enc : NULL;
        if (key == NULL) {
            return 0;
        }
        key->present = 1;
        return get_hex(fields[2], key->priv, sizeof key->priv) && get_hex(fields[3], key->pub, sizeof key->pub);
    }
    if (strcmp(what, "cert") == 0 && n == 3 && con != NULL) {
        store_cert *cert = strcmp(fields[1], "sign") == 0 ? &con->sign_cert : strcmp(fields[1], "enc") == 0 ? &con->enc_cert : NULL;
        return cert != NULL && get_cert(fields[2], cert);
    }
    return 0;
}

int store_load(const char *name, int plugged, store_device *dev) {
    char dir[4096];
    char path[4200];
    if (!device_dir(dir, sizeof dir, name, plugged)) {
        return 0;
    }
    snprintf(path, sizeof path, "%s/" STATE_FILE, dir);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
    }
    memset(dev, 0, sizeof *dev);
    char *line = NULL;
    size_t cap = 0;
    int ok = getline(&line, &cap, f) > 0 && strncmp(line, FORMAT_LINE "\n", sizeof FORMAT_LINE) == 0;
    int ended = 0;
    while (ok && !ended && getline(&line, &cap, f) > 0) {
        ok = parse_line(dev, line, &ended);
    }
    if (line != NULL) {
        gm_cleanse(line, cap);
    }
    free(line);
    fclose(f);
    return ok && ended ? 1 : -1;
}

int store_insertions(const char *name, uint32_t *insertions) {
    char dir[4096];
    char path[4200];
    if (!device_dir(dir, sizeof dir, name, 1)) {
        return 0;
    }
    snprintf(path, sizeof path, "%s/" STATE_FILE, dir);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return 0;
    }
    /* The counter is written in the header, before any key: read no further than that. */
    char line[256];
    int found = 0;
    int lines = 0;
    while (!found && lines++ < 8 && fgets(line, sizeof line, f) != NULL) {
        unsigned long value = 0;
        if (sscanf(line, "insertions %lu", &value) == 1) {
            *insertions = (uint32_t)value;
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static int write_atomically(const char *dir, const store_device *dev) {
    char tmp[4200];
    char path[4200];
    snprintf(tmp, sizeof tmp, "%s/." STATE_FILE ".%ld.tmp", dir, (long)getpid());
    snprintf(path, sizeof path, "%s/" STATE_FILE, dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600); /* private keys inside: owner only */
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        if (fd >= 0) {
            close(fd);
        }
        return 0;
    }
    write_device(f, dev);
    int ok = fflush(f) == 0 && fsync(fd) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return 0;
    }
    int dir_fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dir_fd >= 0) {
        fsync(dir_fd); /* makes the rename itself durable */
        close(dir_fd);
    }
    return 1;
}

int store_save(const char *name, const store_device *dev) {
    char dir[4096];
    struct stat st;
    return device_dir(dir, sizeof dir, name, 1) && stat(dir, &st) == 0 && write_atomically(dir, dev);
}

int store_create(const char *name, const store_device *dev) {
    char dir[4096];
    char other[4096];
    struct stat st;
    const char *root = store_root();
    if (root == NULL || !device_dir(dir, sizeof dir, name, 1) || !device_dir(other, sizeof other, name, 0) ||
        stat(other, &st) == 0) {
        return 0;
    }
    mkdir(root, 0700);
    /* The folder appears complete or not at all: fill a hidden one, then rename it into place. */
    char staging[4200];
    snprintf(staging, sizeof staging, "%s/.new-%ld-%s", root, (long)getpid(), name);
    if (mkdir(staging, 0700) != 0) {
        return 0;
    }
    if (!write_atomically(staging, dev) || rename(staging, dir) != 0) {
        char state[4300];
        snprintf(state, sizeof state, "%s/" STATE_FILE, staging);
        unlink(state);
        rmdir(staging);
        return 0;
    }
    return 1;
}

static int move_device(const char *name, int from_plugged) {
    char from[4096];
    char to[4096];
    char unplugged_root[4200];
    struct stat st;
    const char *root = store_root();
    if (root == NULL || !device_dir(from, sizeof from, name, from_plugged) ||
        !device_dir(to, sizeof to, name, !from_plugged) || stat(from, &st) != 0 || stat(to, &st) == 0) {
        return 0;
    }
    snprintf(unplugged_root, sizeof unplugged_root, "%s/" UNPLUGGED, root);
    mkdir(unplugged_root, 0700);
    return rename(from, to) == 0;
}

int store_lock(const char *name, int plugged) {
    char dir[4096];
    if (!device_dir(dir, sizeof dir, name, plugged)) {
        return -1;
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

void store_unlock(int fd) {
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}

int store_unplug(const char *name) {
    int fd = store_lock(name, 1); /* not while a library call is between reading and writing it */
    int ok = fd >= 0 && move_device(name, 1);
    store_unlock(fd);
    return ok;
}

int store_plug(const char *name) {
    store_device *dev = store_device_new();
    int fd = store_lock(name, 0);
    int ok = fd >= 0 && dev != NULL && store_load(name, 0, dev) == 1 && move_device(name, 0);
    if (ok) {
        dev->insertions++;
        ok = store_save(name, dev);
    }
    store_unlock(fd);
    store_device_free(dev);
    return ok;
}

int store_remove(const char *name, int plugged) {
    char dir[4096];
    char state[4200];
    if (!device_dir(dir, sizeof dir, name, plugged)) {
        return 0;
    }
    snprintf(state, sizeof state, "%s/" STATE_FILE, dir);
    return unlink(state) == 0 && rmdir(dir) == 0;
}

int store_pin_length_ok(const char *value) {
    size_t len = value != NULL ? strnlen(value, STORE_PIN_MAX + 1) : 0;
    return len >= STORE_PIN_MIN && len <= STORE_PIN_MAX;
}

static int pin_hash(const uint8_t salt[16], const char *value, uint8_t out[32]) {
    uint8_t buf[16 + STORE_PIN_MAX];
    size_t len = strlen(value);
    memcpy(buf, salt, 16);
    memcpy(buf + 16, value, len);
    int ok = gm_sm3(buf, 16 + len, out);
    gm_cleanse(buf, sizeof buf);
    return ok;
}

int store_pin_set(store_pin *pin, const char *value) {
    return store_pin_length_ok(value) && gm_random(pin->salt, sizeof pin->salt) && pin_hash(pin->salt, value, pin->hash);
}

int store_pin_matches(const store_pin *pin, const char *value) {
    uint8_t hash[32];
    if (!store_pin_length_ok(value) || !pin_hash(pin->salt, value, hash)) {
        return 0;
    }
    int diff = 0;
    for (size_t i = 0; i < sizeof hash; i++) {
        diff |= hash[i] ^ pin->hash[i];
    }
    return diff == 0;
}

store_device *store_device_new(void) {
    return calloc(1, sizeof(store_device));
}

void store_device_free(store_device *dev) {
    if (dev != NULL) {
        gm_cleanse(dev, sizeof *dev);
        free(dev);
    }
}
