/*
 * A device's persistent state and its one file, $SOFTSKF_DIR/<device name>/state.
 *
 * Unplugged devices move to $SOFTSKF_DIR/.unplugged/<device name>/. Every change rewrites the
 * whole file (temporary file, fsync, rename), so a crash leaves the old state or the new one,
 * never half of either, and the library and softskf-util can share a device safely.
 */
#ifndef SOFTSKF_STORE_H
#define SOFTSKF_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_MAX_APPS 4
#define STORE_MAX_CONTAINERS 16
#define STORE_APP_NAME_MAX 32       /* GM/T 0016: application names shorter than 32 bytes + NUL */
#define STORE_CONTAINER_NAME_MAX 64 /* container names are ASCII, at most 64 bytes */
#define STORE_LABEL_MAX 31          /* DEVINFO.Label is CHAR[32], NUL-terminated */
#define STORE_SERIAL_MAX 31
#define STORE_DEVICE_NAME_MAX 64
#define STORE_CERT_MAX 8192
#define STORE_PIN_MIN 6
#define STORE_PIN_MAX 16

typedef struct {
    int present;
    uint8_t priv[32];
    uint8_t pub[64]; /* x || y */
} store_keypair;

typedef struct {
    size_t len; /* 0 = none */
    uint8_t der[STORE_CERT_MAX];
} store_cert;

typedef struct {
    char name[STORE_CONTAINER_NAME_MAX + 1];
    uint32_t type; /* SKF_CONTAINER_TYPE_* */
    store_keypair sign;
    store_keypair enc;
    store_cert sign_cert;
    store_cert enc_cert;
} store_container;

typedef struct {
    uint8_t salt[16];
    uint8_t hash[32]; /* SM3(salt || PIN) */
    uint32_t max_retries;
    uint32_t remaining;
    int is_default;
} store_pin;

typedef struct {
    char name[STORE_APP_NAME_MAX + 1];
    uint32_t create_file_rights;
    store_pin admin;
    store_pin user;
    int n_containers;
    store_container containers[STORE_MAX_CONTAINERS];
} store_app;

typedef struct {
    char label[STORE_LABEL_MAX + 1];
    char serial[STORE_SERIAL_MAX + 1];
    uint32_t insertions; /* bumped by every plug-in, so handles from before an unplug go stale */
    uint8_t dev_auth_key[16];
    int n_apps;
    store_app apps[STORE_MAX_APPS];
} store_device;

/* The folder of devices, from SOFTSKF_DIR; NULL when unset. */
const char *store_root(void);
/* 1 when name is acceptable as a device folder name. */
int store_valid_device_name(const char *name);
/* The devices present (plugged = 1) or unplugged (plugged = 0): names sorted, NUL-separated, in a malloc'd buffer. */
int store_list(int plugged, char **names, size_t *count);
/* 1 loaded, 0 absent, -1 unreadable or corrupt. */
int store_load(const char *name, int plugged, store_device *dev);
int store_save(const char *name, const store_device *dev);
/* Just a plugged device's insertion counter, cheaply (for polling): 1 read, 0 absent or unreadable. */
int store_insertions(const char *name, uint32_t *insertions);
/* Makes a new device folder; fails when the name is taken (plugged or not). */
int store_create(const char *name, const store_device *dev);
int store_unplug(const char *name);
int store_plug(const char *name);
int store_remove(const char *name, int plugged);

/*
 * Locks a device folder against other processes (flock on the folder itself) for one
 * read-modify-write; returns the descriptor to pass to store_unlock, or -1 when there is no such folder.
 */
int store_lock(const char *name, int plugged);
void store_unlock(int fd);

/* PIN helpers: set a new PIN (fresh salt) and check one. */
int store_pin_set(store_pin *pin, const char *value);
int store_pin_matches(const store_pin *pin, const char *value);
int store_pin_length_ok(const char *value);

store_device *store_device_new(void);
void store_device_free(store_device *dev);

#endif
