/*
 * softskf: a software SKF token (GM/T 0016-2012) on OpenSSL 3, for tests and the demo, as
 * SoftHSM2 is for PKCS#11. Devices are folders under $SOFTSKF_DIR (see store.h); handles are
 * small numbers looked up in one table, so a stale or forged handle gives SAR_INVALIDHANDLEERR
 * instead of a crash. One mutex serialises every call (SKF_WaitForDevEvent sleeps outside it).
 */
#define _GNU_SOURCE
#include "skf.h"

#include "gm.h"
#include "store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#define MAX_HANDLES 1024
#define MAX_SECURITY 64
#define MAX_ECC_PLAINTEXT 256 /* DEVINFO.MaxECCBufferSize */
#define MAX_BUFFER 65536      /* DEVINFO.MaxBufferSize */
#define POLL_NANOS 100000000L

enum kind { FREE = 0, DEV, APP, CON, HASH, KEY };

typedef struct {
    enum kind kind;
    uint32_t generation;
    char dev_name[STORE_DEVICE_NAME_MAX + 1];
    uint32_t insertions;
    char app_name[STORE_APP_NAME_MAX + 1];
    char con_name[STORE_CONTAINER_NAME_MAX + 1];
    ULONG parent; /* index + 1 of the DEV (for APP, HASH, KEY) or APP (for CON) handle */
    /* DEV: the last challenge from SKF_GenRandom, for SKF_DevAuth */
    uint8_t challenge[8];
    int has_challenge;
    /* HASH */
    EVP_MD_CTX *md;
    /* KEY */
    uint8_t key[16];
    ULONG alg;
    int cipher_mode; /* 0 none, 1 encrypting, 2 decrypting */
    uint8_t iv[16];
    ULONG padding;
} handle_slot;

/* What a device remembers about who logged in, until unplugged or cleared. */
typedef struct {
    int used;
    char dev_name[STORE_DEVICE_NAME_MAX + 1];
    uint32_t insertions;
    char app_name[STORE_APP_NAME_MAX + 1]; /* "" for device authentication */
    int user;
    int admin;
} security_state;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static handle_slot slots[MAX_HANDLES];
static uint32_t next_generation = 1;
static security_state security[MAX_SECURITY];

/* For SKF_WaitForDevEvent: the devices as the caller last learned of them. */
typedef struct {
    char name[STORE_DEVICE_NAME_MAX + 1];
    uint32_t insertions;
} known_device;
static known_device known[256];
static size_t known_count;
static int known_ready;
static char known_root[4096];
static unsigned long cancel_generation;

/* ---------- handles ---------- */

static HANDLE handle_value(size_t index) {
    return (HANDLE)(uintptr_t)(((uintptr_t)slots[index].generation << 12) | (index + 1));
}

static handle_slot *slot_of(HANDLE h, enum kind kind) {
    uintptr_t v = (uintptr_t)h;
    size_t index = (size_t)(v & 0xFFF);
    if (index == 0 || index > MAX_HANDLES) {
        return NULL;
    }
    handle_slot *s = &slots[index - 1];
    return s->kind == kind && (v >> 12) == s->generation ? s : NULL;
}

static handle_slot *slot_new(enum kind kind, size_t *index) {
    for (size_t i = 0; i < MAX_HANDLES; i++) {
        if (slots[i].kind == FREE) {
            memset(&slots[i], 0, sizeof slots[i]);
            slots[i].kind = kind;
            slots[i].generation = next_generation++ & 0xFFFFF;
            if (slots[i].generation == 0) {
                slots[i].generation = next_generation++;
            }
            *index = i;
            return &slots[i];
        }
    }
    return NULL;
}

static void slot_free(handle_slot *s) {
    if (s->md != NULL) {
        EVP_MD_CTX_free(s->md);
    }
    gm_cleanse(s, sizeof *s);
    s->kind = FREE;
}

static size_t index_of(const handle_slot *s) {
    return (size_t)(s - slots);
}

/* Closing a parent closes its children, as a device does when its connection goes. */
static void free_children(size_t parent_index) {
    for (size_t i = 0; i < MAX_HANDLES; i++) {
        if (slots[i].kind != FREE && slots[i].parent == parent_index + 1) {
            free_children(i);
            slot_free(&slots[i]);
        }
    }
}

/* ---------- security state ---------- */

static security_state *security_of(const char *dev_name, uint32_t insertions, const char *app_name, int create) {
    security_state *free_entry = NULL;
    for (int i = 0; i < MAX_SECURITY; i++) {
        security_state *s = &security[i];
        if (s->used && strcmp(s->dev_name, dev_name) == 0 && strcmp(s->app_name, app_name) == 0) {
            if (s->insertions == insertions) {
                return s;
            }
            memset(s, 0, sizeof *s); /* from before the device was last unplugged */
        }
        if (!s->used && free_entry == NULL) {
            free_entry = s;
        }
    }
    if (!create || free_entry == NULL) {
        return NULL;
    }
    free_entry->used = 1;
    snprintf(free_entry->dev_name, sizeof free_entry->dev_name, "%s", dev_name);
    snprintf(free_entry->app_name, sizeof free_entry->app_name, "%s", app_name);
    free_entry->insertions = insertions;
    return free_entry;
}

static void security_clear(const char *dev_name, const char *app_name) {
    for (int i = 0; i < MAX_SECURITY; i++) {
        if (security[i].used && strcmp(security[i].dev_name, dev_name) == 0 &&
            strcmp(security[i].app_name, app_name) == 0) {
            memset(&security[i], 0, sizeof security[i]);
        }
    }
}

/* ---------- resolving a handle to the state it names ---------- */

typedef struct {
    handle_slot *dev_slot;
    handle_slot *app_slot;
    handle_slot *con_slot;
    int lock_fd; /* the device folder, locked against other processes while we read and write it */
    store_device *dev;
    store_app *app;
    store_container *con;
} target;

static void target_release(target *t) {
    store_device_free(t->dev);
    t->dev = NULL;
    store_unlock(t->lock_fd);
    t->lock_fd = -1;
}

static ULONG load_device(target *t) {
    t->dev = store_device_new();
    if (t->dev == NULL) {
        return SAR_MEMORYERR;
    }
    t->lock_fd = store_lock(t->dev_slot->dev_name, 1);
    if (t->lock_fd < 0) {
        return SAR_DEVICE_REMOVED;
    }
    int loaded = store_load(t->dev_slot->dev_name, 1, t->dev);
    if (loaded < 0) {
        return SAR_READFILEERR;
    }
    if (loaded == 0 || t->dev->insertions != t->dev_slot->insertions) {
        return SAR_DEVICE_REMOVED;
    }
    return SAR_OK;
}

static store_app *find_app(store_device *dev, const char *name) {
    for (int i = 0; i < dev->n_apps; i++) {
        if (strcmp(dev->apps[i].name, name) == 0) {
            return &dev->apps[i];
        }
    }
    return NULL;
}

static store_container *find_container(store_app *app, const char *name) {
    for (int i = 0; i < app->n_containers; i++) {
        if (strcmp(app->containers[i].name, name) == 0) {
            return &app->containers[i];
        }
    }
    return NULL;
}

static void target_clear(target *t) {
    memset(t, 0, sizeof *t);
    t->lock_fd = -1;
}

static ULONG open_dev(DEVHANDLE h, target *t) {
    target_clear(t);
    t->dev_slot = slot_of(h, DEV);
    return t->dev_slot == NULL ? SAR_INVALIDHANDLEERR : load_device(t);
}

static ULONG open_app_slot(handle_slot *app_slot, target *t) {
    target_clear(t);
    t->app_slot = app_slot;
    t->dev_slot = &slots[app_slot->parent - 1];
    ULONG rv = load_device(t);
    if (rv != SAR_OK) {
        return rv;
    }
    t->app = find_app(t->dev, app_slot->app_name);
    return t->app == NULL ? SAR_APPLICATION_NOT_EXISTS : SAR_OK;
}

static ULONG open_app(HAPPLICATION h, target *t) {
    handle_slot *app_slot = slot_of(h, APP);
    if (app_slot == NULL) {
        target_clear(t);
        return SAR_INVALIDHANDLEERR;
    }
    return open_app_slot(app_slot, t);
}

static ULONG open_con(HCONTAINER h, target *t) {
    handle_slot *con_slot = slot_of(h, CON);
    if (con_slot == NULL) {
        target_clear(t);
        return SAR_INVALIDHANDLEERR;
    }
    ULONG rv = open_app_slot(&slots[con_slot->parent - 1], t);
    t->con_slot = con_slot;
    if (rv != SAR_OK) {
        return rv;
    }
    t->con = find_container(t->app, con_slot->con_name);
    return t->con == NULL ? SAR_FILE_NOT_EXIST : SAR_OK;
}

static security_state *app_security(const target *t, int create) {
    return security_of(t->dev_slot->dev_name, t->dev_slot->insertions, t->app->name, create);
}

static int user_logged_in(const target *t) {
    security_state *s = app_security(t, 0);
    return s != NULL && s->user;
}

static int device_authenticated(const target *t) {
    security_state *s = security_of(t->dev_slot->dev_name, t->dev_slot->insertions, "", 0);
    return s != NULL && s->admin;
}

static ULONG save(const target *t) {
    return store_save(t->dev_slot->dev_name, t->dev) ? SAR_OK : SAR_WRITEFILEERR;
}

#define BEGIN pthread_mutex_lock(&lock)
#define END(rv)                        \
    do {                               \
        ULONG end_rv = (rv);           \
        pthread_mutex_unlock(&lock);   \
        return end_rv;                 \
    } while (0)
/* Every function on a handle starts so: lock, resolve the handle to its device state, or fail. */
#define OPEN(opener, handle, t)                 \
    target t;                                   \
    pthread_mutex_lock(&lock);                  \
    do {                                        \
        ULONG open_rv = opener(handle, &t);     \
        if (open_rv != SAR_OK) {                \
            FINISH(&t, open_rv);                \
        }                                       \
    } while (0)
/* Ends the call with rv when cond holds (after OPEN, and after BEGIN respectively). */
#define FAIL_IF(t, cond, rv)                    \
    do {                                        \
        if (cond) {                             \
            FINISH(t, rv);                      \
        }                                       \
    } while (0)
#define RETURN_IF(cond, rv)                     \
    do {                                        \
        if (cond) {                             \
            END(rv);                            \
        }                                       \
    } while (0)
/* Every exit once a target is open: free the state, unlock, return. */
#define FINISH(t, rv)                  \
    do {                               \
        ULONG finish_rv = (rv);        \
        target_release(t);             \
        pthread_mutex_unlock(&lock);   \
        return finish_rv;              \
    } while (0)

/* ---------- blobs ---------- */

/* 256-bit values sit right-aligned in 64-byte fields; the first 32 bytes must be zero. */
static int left_zero(const BYTE *field) {
    for (int i = 0; i < 32; i++) {
        if (field[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static int read_public_blob(const ECCPUBLICKEYBLOB *blob, uint8_t pub[64]) {
    if (blob == NULL || blob->BitLen != 256 || !left_zero(blob->XCoordinate) || !left_zero(blob->YCoordinate)) {
        return 0;
    }
    memcpy(pub, blob->XCoordinate + 32, 32);
    memcpy(pub + 32, blob->YCoordinate + 32, 32);
    return gm_sm2_check_public(pub);
}

static void write_public_blob(const uint8_t pub[64], ECCPUBLICKEYBLOB *blob) {
    memset(blob, 0, sizeof *blob);
    blob->BitLen = 256;
    memcpy(blob->XCoordinate + 32, pub, 32);
    memcpy(blob->YCoordinate + 32, pub + 32, 32);
}

static int read_private_blob(const ECCPRIVATEKEYBLOB *blob, uint8_t priv[32]) {
    if (blob == NULL || blob->BitLen != 256 || !left_zero(blob->PrivateKey)) {
        return 0;
    }
    memcpy(priv, blob->PrivateKey + 32, 32);
    return 1;
}

static ULONG sign_into(const uint8_t priv[32], const BYTE *e, ULONG len, ECCSIGNATUREBLOB *sig) {
    if (e == NULL || sig == NULL) {
        return SAR_INVALIDPARAMERR;
    }
    if (len != 32) {
        return SAR_INDATALENERR;
    }
    uint8_t r[32];
    uint8_t s[32];
    if (!gm_sm2_sign(priv, e, r, s)) {
        return SAR_FAIL;
    }
    memset(sig, 0, sizeof *sig);
    memcpy(sig->r + 32, r, 32);
    memcpy(sig->s + 32, s, 32);
    return SAR_OK;
}

static ULONG verify(ECCPUBLICKEYBLOB *pub_blob, BYTE *e, ULONG len, ECCSIGNATUREBLOB *sig) {
    uint8_t pub[64];
    if (e == NULL || sig == NULL || !read_public_blob(pub_blob, pub)) {
        return SAR_INVALIDPARAMERR;
    }
    if (len != 32) {
        return SAR_INDATALENERR;
    }
    if (!left_zero(sig->r) || !left_zero(sig->s)) {
        return SAR_INVALIDPARAMERR;
    }
    int valid = gm_sm2_verify(pub, e, sig->r + 32, sig->s + 32);
    return valid == 1 ? SAR_OK : valid == 0 ? SAR_FAIL : SAR_INVALIDPARAMERR;
}

static ULONG decrypt_into(const uint8_t priv[32], const ECCCIPHERBLOB *c, BYTE *out, ULONG *out_len) {
    if (c == NULL || out_len == NULL || !left_zero(c->XCoordinate) || !left_zero(c->YCoordinate)) {
        return SAR_INVALIDPARAMERR;
    }
    if (c->CipherLen == 0 || c->CipherLen > MAX_ECC_PLAINTEXT) {
        return SAR_INDATALENERR;
    }
    if (out == NULL) {
        *out_len = c->CipherLen;
        return SAR_OK;
    }
    if (*out_len < c->CipherLen) {
        *out_len = c->CipherLen;
        return SAR_BUFFER_TOO_SMALL;
    }
    uint8_t c1[64];
    memcpy(c1, c->XCoordinate + 32, 32);
    memcpy(c1 + 32, c->YCoordinate + 32, 32);
    if (!gm_sm2_decrypt(priv, c1, c->HASH, c->Cipher, c->CipherLen, out)) {
        return SAR_INDATAERR;
    }
    *out_len = c->CipherLen;
    return SAR_OK;
}

/* A multi-string: each name NUL-terminated, the list ended by one more NUL ("\0\0" when empty). */
static ULONG put_names(const char *const *names, size_t count, LPSTR out, ULONG *size) {
    if (size == NULL) {
        return SAR_INVALIDPARAMERR;
    }
    size_t needed = count == 0 ? 2 : 1;
    for (size_t i = 0; i < count; i++) {
        needed += strlen(names[i]) + 1;
    }
    if (out == NULL) {
        *size = (ULONG)needed;
        return SAR_OK;
    }
    if (*size < needed) {
        *size = (ULONG)needed;
        return SAR_BUFFER_TOO_SMALL;
    }
    char *p = out;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(names[i]) + 1;
        memcpy(p, names[i], len);
        p += len;
    }
    *p++ = '\0';
    if (count == 0) {
        *p = '\0';
    }
    *size = (ULONG)needed;
    return SAR_OK;
}

static ULONG put_bytes(const uint8_t *data, size_t len, BYTE *out, ULONG *out_len) {
    if (out_len == NULL) {
        return SAR_INVALIDPARAMERR;
    }
    if (out == NULL) {
        *out_len = (ULONG)len;
        return SAR_OK;
    }
    if (*out_len < len) {
        *out_len = (ULONG)len;
        return SAR_BUFFER_TOO_SMALL;
    }
    memcpy(out, data, len);
    *out_len = (ULONG)len;
    return SAR_OK;
}

static int name_ok(const char *name, size_t max) {
    size_t len = name != NULL ? strnlen(name, max + 1) : 0;
    return len >= 1 && len <= max;
}

/* ---------- 7.1 device management ---------- */

static ULONG list_names(int present_only, char **buffer, const char ***names, size_t *count) {
    char *plugged = NULL;
    char *unplugged = NULL;
    size_t n_plugged = 0;
    size_t n_unplugged = 0;
    if (!store_list(1, &plugged, &n_plugged) || (!present_only && !store_list(0, &unplugged, &n_unplugged))) {
        free(plugged);
        return SAR_FILEERR;
    }
    size_t total = n_plugged + n_unplugged;
    const char **list = calloc(total + 1, sizeof *list);
    size_t plugged_size = 0;
    for (const char *p = plugged; p != NULL && *p; p += strlen(p) + 1) {
        plugged_size += strlen(p) + 1;
    }
    size_t unplugged_size = 0;
    for (const char *p = unplugged; p != NULL && *p; p += strlen(p) + 1) {
        unplugged_size += strlen(p) + 1;
    }
    char *joined = malloc(plugged_size + unplugged_size + 1);
    if (list == NULL || joined == NULL) {
        free(list);
        free(joined);
        free(plugged);
        free(unplugged);
        return SAR_MEMORYERR;
    }
    if (plugged_size > 0) {
        memcpy(joined, plugged, plugged_size);
    }
    if (unplugged_size > 0) {
        memcpy(joined + plugged_size, unplugged, unplugged_size);
    }
    joined[plugged_size + unplugged_size] = '\0';
    size_t i = 0;
    for (char *p = joined; *p && i < total; p += strlen(p) + 1) {
        list[i++] = p;
    }
    free(plugged);
    free(unplugged);
    *buffer = joined;
    *names = list;
    *count = i;
    return SAR_OK;
}

/* The caller's view of what is plugged in, which SKF_WaitForDevEvent reports changes against. */
static void known_reset_if_needed(void) {
    const char *root = store_root();
    const char *current = root != NULL ? root : "";
    if (known_ready && strcmp(known_root, current) == 0) {
        return;
    }
    snprintf(known_root, sizeof known_root, "%s", current);
    known_count = 0;
    char *buffer = NULL;
    const char **names = NULL;
    size_t count = 0;
    if (list_names(1, &buffer, &names, &count) == SAR_OK) {
        for (size_t i = 0; i < count && known_count < 256; i++) {
            uint32_t insertions = 0;
            if (store_insertions(names[i], &insertions)) {
                snprintf(known[known_count].name, sizeof known[known_count].name, "%s", names[i]);
                known[known_count++].insertions = insertions;
            }
        }
        free(buffer);
        free(names);
    }
    known_ready = 1;
}

ULONG DEVAPI SKF_EnumDev(BOOL bPresent, LPSTR szNameList, ULONG *pulSize) {
    BEGIN;
    known_reset_if_needed();
    char *buffer = NULL;
    const char **names = NULL;
    size_t count = 0;
    ULONG rv = list_names(bPresent != FALSE, &buffer, &names, &count);
    if (rv == SAR_OK) {
        rv = put_names(names, count, szNameList, pulSize);
        free(buffer);
        free(names);
    }
    END(rv);
}

ULONG DEVAPI SKF_ConnectDev(LPSTR szName, DEVHANDLE *phDev) {
    if (szName == NULL || phDev == NULL) {
        return SAR_INVALIDPARAMERR;
    }
    BEGIN;
    uint32_t insertions = 0;
    RETURN_IF(!store_valid_device_name(szName) || !store_insertions(szName, &insertions), SAR_DEVICE_REMOVED);
    size_t index = 0;
    handle_slot *s = slot_new(DEV, &index);
    RETURN_IF(s == NULL, SAR_MEMORYERR);
    snprintf(s->dev_name, sizeof s->dev_name, "%s", szName);
    s->insertions = insertions;
    *phDev = handle_value(index);
    END(SAR_OK);
}

/* Closes a device, application or container handle and every handle opened through it. */
static ULONG close_handle(HANDLE h, enum kind kind) {
    BEGIN;
    handle_slot *s = slot_of(h, kind);
    RETURN_IF(s == NULL, SAR_INVALIDHANDLEERR);
    free_children(index_of(s));
    slot_free(s);
    END(SAR_OK);
}

ULONG DEVAPI SKF_DisConnectDev(DEVHANDLE hDev) {
    return close_handle(hDev, DEV);
}

ULONG DEVAPI SKF_GetDevState(LPSTR szDevName, ULONG *pulDevState) {
    if (szDevName == NULL || pulDevState == NULL) {
        return SAR_INVALIDPARAMERR;
    }
    BEGIN;
    store_device *dev = store_device_new();
    RETURN_IF(dev == NULL, SAR_MEMORYERR);
    if (store_load(szDevName, 1, dev) == 1) {
        *pulDevState = DEV_PRESENT_STATE;
    } else if (store_load(szDevName, 0, dev) == 1) {
        *pulDevState = DEV_ABSENT_STATE;
    } else {
        *pulDevState = DEV_UNKNOW_STATE;
    }
    store_device_free(dev);
    END(SAR_OK);
}

ULONG DEVAPI SKF_SetLabel(DEVHANDLE hDev, LPSTR szLabel) {
    OPEN(open_dev, hDev, t);
    FAIL_IF(&t, szLabel == NULL || strnlen(szLabel, STORE_LABEL_MAX + 1) > STORE_LABEL_MAX, SAR_INVALIDPARAMERR);
    snprintf(t.dev->label, sizeof t.dev->label, "%s", szLabel);
    FINISH(&t, save(&t));
}

ULONG DEVAPI SKF_GetDevInfo(DEVHANDLE hDev, DEVINFO *pDevInfo) {
    OPEN(open_dev, hDev, t);
    FAIL_IF(&t, pDevInfo == NULL, SAR_INVALIDPARAMERR);
    memset(pDevInfo, 0, sizeof *pDevInfo);
    pDevInfo->Version.major = 1;
    pDevInfo->Version.minor = 0;
    snprintf(pDevInfo->Manufacturer, sizeof pDevInfo->Manufacturer, "UKey Bridge softskf");
    snprintf(pDevInfo->Issuer, sizeof pDevInfo->Issuer, "UKey Bridge");
    snprintf(pDevInfo->Label, sizeof pDevInfo->Label, "%s", t.dev->label);
    snprintf(pDevInfo->SerialNumber, sizeof pDevInfo->SerialNumber, "%s", t.dev->serial);
    pDevInfo->HWVersion.major = 1;
    pDevInfo->FirmwareVersion.major = 1;
    pDevInfo->AlgSymCap = SGD_SM4_ECB | SGD_SM4_CBC;
    pDevInfo->AlgAsymCap = SGD_SM2_1 | SGD_SM2_3;
    pDevInfo->AlgHashCap = SGD_SM3;
    pDevInfo->DevAuthAlgId = SGD_SM4_ECB;
    pDevInfo->TotalSpace = 1024 * 1024;
    size_t used = 0;
    for (int a = 0; a < t.dev->n_apps; a++) {
        for (int c = 0; c < t.dev->apps[a].n_containers; c++) {
            used += 512 + t.dev->apps[a].containers[c].sign_cert.len + t.dev->apps[a].containers[c].enc_cert.len;
        }
    }
    pDevInfo->FreeSpace = (ULONG)(pDevInfo->TotalSpace - used);
    pDevInfo->MaxECCBufferSize = MAX_ECC_PLAINTEXT;
    pDevInfo->MaxBufferSize = MAX_BUFFER;
    FINISH(&t, SAR_OK);
}

/* One process, one mutex: locking the device for exclusive use has nothing more to exclude. */
ULONG DEVAPI SKF_LockDev(DEVHANDLE hDev, ULONG ulTimeOut) {
    (void)ulTimeOut;
    BEGIN;
    END(slot_of(hDev, DEV) != NULL ? SAR_OK : SAR_INVALIDHANDLEERR);
}

ULONG DEVAPI SKF_UnlockDev(DEVHANDLE hDev) {
    BEGIN;
    END(slot_of(hDev, DEV) != NULL ? SAR_OK : SAR_INVALIDHANDLEERR);
}

ULONG DEVAPI SKF_Transmit(DEVHANDLE hDev, BYTE *pbCommand, ULONG ulCommandLen, BYTE *pbData, ULONG *pulDataLen) {
    (void)hDev;
    (void)pbCommand;
    (void)ulCommandLen;
    (void)pbData;
    (void)pulDataLen;
    return SAR_NOTSUPPORTYETERR; /* no APDUs in software */
}

/* snprintf's truncation warnings misfire on these fixed-size names; copy them plainly. */
static void copy_name(char *dst, size_t size, const char *src) {
    size_t len = strnlen(src, size - 1);
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* One change per call: a removal (or a re-plug seen as removal first), else an insertion. */
static int next_event(char *name, size_t size, ULONG *event) {
    for (size_t i = 0; i < known_count; i++) {
        uint32_t insertions = 0;
        if (!store_insertions(known[i].name, &insertions) || insertions != known[i].insertions) {
            copy_name(name, size, known[i].name);
            known[i] = known[--known_count];
            *event = SKF_DEV_EVENT_REMOVED;
            return 1;
        }
    }
    char *buffer = NULL;
    const char **names = NULL;
    size_t count = 0;
    int found = 0;
    if (list_names(1, &buffer, &names, &count) != SAR_OK) {
        return 0;
    }
    for (size_t i = 0; i < count && !found; i++) {
        int is_known = 0;
        for (size_t k = 0; k < known_count && !is_known; k++) {
            is_known = strcmp(known[k].name, names[i]) == 0;
        }
        uint32_t insertions = 0;
        if (!is_known && known_count < 256 && store_insertions(names[i], &insertions)) {
            snprintf(known[known_count].name, sizeof known[known_count].name, "%s", names[i]);
            known[known_count++].insertions = insertions;
            snprintf(name, size, "%s", names[i]);
            *event = SKF_DEV_EVENT_INSERTED;
            found = 1;
        }
    }
    free(buffer);
    free(names);
    return found;
}

ULONG DEVAPI SKF_WaitForDevEvent(LPSTR szDevName, ULONG *pulDevNameLen, ULONG *pulEvent) {
    if (szDevName == NULL || pulDevNameLen == NULL || pulEvent == NULL) {
        return SAR_INVALIDPARAMERR;
    }
    BEGIN;
    unsigned long cancel_at_start = cancel_generation;
    known_reset_if_needed();
    pthread_mutex_unlock(&lock);
    for (;;) {
        char name[STORE_DEVICE_NAME_MAX + 1];
        ULONG event = 0;
        BEGIN;
        if (cancel_generation != cancel_at_start) {
            END(SAR_NOT_EVENTERR);
        }
        known_reset_if_needed();
        if (next_event(name, sizeof name, &event)) {
            size_t needed = strlen(name) + 1;
            if (*pulDevNameLen < needed) {
                *pulDevNameLen = (ULONG)needed;
                END(SAR_BUFFER_TOO_SMALL);
            }
            memcpy(szDevName, name, needed);
            *pulDevNameLen = (ULONG)needed;
            *pulEvent = event;
            END(SAR_OK);
        }
        pthread_mutex_unlock(&lock);
        struct timespec pause = {0, POLL_NANOS};
        nanosleep(&pause, NULL);
    }
}

ULONG DEVAPI SKF_CancelWaitForDevEvent(void) {
    BEGIN;
    cancel_generation++;
    END(SAR_OK);
}

/* ---------- 7.2 access control ---------- */

ULONG DEVAPI SKF_DevAuth(DEVHANDLE hDev, BYTE *pbAuthData, ULONG ulLen) {
    OPEN(open_dev, hDev, t);
    FAIL_IF(&t, pbAuthData == NULL || ulLen != 16, SAR_INVALIDPARAMERR);
    if (!t.dev_slot->has_challenge) {
        FINISH(&t, SAR_FAIL); /* GenRandom first: the challenge is its first 8 bytes */
    }
    uint8_t block[16] = {0};
    uint8_t expected[16];
    memcpy(block, t.dev_slot->challenge, 8);
    t.dev_slot->has_challenge = 0; /* one answer per challenge */
    FAIL_IF(&t, !gm_sm4(1, t.dev->dev_auth_key, NULL, block, 16, expected), SAR_FAIL);
    int diff = 0;
    for (int i = 0; i < 16; i++) {
        diff |= expected[i] ^ pbAuthData[i];
    }
    FAIL_IF(&t, diff != 0, SAR_FAIL);
    security_state *s = security_of(t.dev_slot->dev_name, t.dev_slot->insertions, "", 1);
    FAIL_IF(&t, s == NULL, SAR_MEMORYERR);
    s->admin = 1;
    FINISH(&t, SAR_OK);
}

ULONG DEVAPI SKF_ChangeDevAuthKey(DEVHANDLE hDev, BYTE *pbKeyValue, ULONG ulKeyLen) {
    OPEN(open_dev, hDev, t);
    FAIL_IF(&t, pbKeyValue == NULL || ulKeyLen != 16, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !device_authenticated(&t), SAR_USER_NOT_LOGGED_IN);
    memcpy(t.dev->dev_auth_key, pbKeyValue, 16);
    FINISH(&t, save(&t));
}

static store_pin *pin_of(store_app *app, ULONG type) {
    return type == ADMIN_TYPE ? &app->admin : type == USER_TYPE ? &app->user : NULL;
}

/* Checks a PIN against its retry counter; saves the counter either way. */
static ULONG check_pin(target *t, store_pin *pin, const char *value, ULONG *retry) {
    if (pin->remaining == 0) {
        if (retry != NULL) {
            *retry = 0;
        }
        return SAR_PIN_LOCKED;
    }
    if (store_pin_matches(pin, value)) {
        if (pin->remaining != pin->max_retries) {
            pin->remaining = pin->max_retries;
            ULONG rv = save(t);
            if (rv != SAR_OK) {
                return rv;
            }
        }
        if (retry != NULL) {
            *retry = pin->remaining;
        }
        return SAR_OK;
    }
    pin->remaining--;
    ULONG rv = save(t);
    if (retry != NULL) {
        *retry = pin->remaining;
    }
    if (rv != SAR_OK) {
        return rv;
    }
    return pin->remaining == 0 ? SAR_PIN_LOCKED : SAR_PIN_INCORRECT;
}

ULONG DEVAPI SKF_VerifyPIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szPIN, ULONG *pulRetryCount) {
    OPEN(open_app, hApplication, t);
    store_pin *pin = pin_of(t.app, ulPINType);
    FAIL_IF(&t, pin == NULL, SAR_USER_TYPE_INVALID);
    FAIL_IF(&t, szPIN == NULL, SAR_INVALIDPARAMERR);
    if (!store_pin_length_ok(szPIN)) {
        FINISH(&t, SAR_PIN_LEN_RANGE); /* not a try: the counter stays */
    }
    ULONG rv = check_pin(&t, pin, szPIN, pulRetryCount);
    if (rv == SAR_OK) {
        security_state *s = app_security(&t, 1);
        FAIL_IF(&t, s == NULL, SAR_MEMORYERR);
        if (ulPINType == USER_TYPE) {
            s->user = 1;
        } else {
            s->admin = 1;
        }
    }
    FINISH(&t, rv);
}

ULONG DEVAPI SKF_GetPINInfo(HAPPLICATION hApplication, ULONG ulPINType, ULONG *pulMaxRetryCount,
                            ULONG *pulRemainRetryCount, BOOL *pbDefaultPin) {
    OPEN(open_app, hApplication, t);
    store_pin *pin = pin_of(t.app, ulPINType);
    FAIL_IF(&t, pin == NULL, SAR_USER_TYPE_INVALID);
    FAIL_IF(&t, pulMaxRetryCount == NULL || pulRemainRetryCount == NULL || pbDefaultPin == NULL, SAR_INVALIDPARAMERR);
    *pulMaxRetryCount = pin->max_retries;
    *pulRemainRetryCount = pin->remaining;
    *pbDefaultPin = pin->is_default ? TRUE : FALSE;
    FINISH(&t, SAR_OK);
}

ULONG DEVAPI SKF_ChangePIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szOldPin, LPSTR szNewPin,
                           ULONG *pulRetryCount) {
    OPEN(open_app, hApplication, t);
    store_pin *pin = pin_of(t.app, ulPINType);
    FAIL_IF(&t, pin == NULL, SAR_USER_TYPE_INVALID);
    FAIL_IF(&t, szOldPin == NULL || szNewPin == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !store_pin_length_ok(szOldPin) || !store_pin_length_ok(szNewPin), SAR_PIN_LEN_RANGE);
    ULONG rv = check_pin(&t, pin, szOldPin, pulRetryCount);
    FAIL_IF(&t, rv != SAR_OK, rv);
    FAIL_IF(&t, !store_pin_set(pin, szNewPin), SAR_FAIL);
    pin->is_default = 0;
    pin->remaining = pin->max_retries;
    FINISH(&t, save(&t));
}

ULONG DEVAPI SKF_UnblockPIN(HAPPLICATION hApplication, LPSTR szAdminPIN, LPSTR szNewUserPIN, ULONG *pulRetryCount) {
    OPEN(open_app, hApplication, t);
    FAIL_IF(&t, szAdminPIN == NULL || szNewUserPIN == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !store_pin_length_ok(szAdminPIN) || !store_pin_length_ok(szNewUserPIN), SAR_PIN_LEN_RANGE);
    ULONG rv = check_pin(&t, &t.app->admin, szAdminPIN, pulRetryCount);
    FAIL_IF(&t, rv != SAR_OK, rv);
    FAIL_IF(&t, !store_pin_set(&t.app->user, szNewUserPIN), SAR_FAIL);
    t.app->user.remaining = t.app->user.max_retries;
    t.app->user.is_default = 0;
    FINISH(&t, save(&t));
}

ULONG DEVAPI SKF_ClearSecureState(HAPPLICATION hApplication) {
    BEGIN;
    target t;
    ULONG rv = open_app(hApplication, &t);
    if (rv == SAR_OK) {
        security_clear(t.dev_slot->dev_name, t.app->name);
    }
    FINISH(&t, rv);
}

/* ---------- 7.3 applications ---------- */

static ULONG new_child(handle_slot *parent, enum kind kind, const char *name, HANDLE *out) {
    size_t index = 0;
    handle_slot *s = slot_new(kind, &index);
    if (s == NULL) {
        return SAR_MEMORYERR;
    }
    snprintf(s->dev_name, sizeof s->dev_name, "%s", parent->dev_name);
    s->insertions = parent->insertions;
    if (kind == APP) {
        snprintf(s->app_name, sizeof s->app_name, "%s", name);
    } else {
        snprintf(s->app_name, sizeof s->app_name, "%s", parent->app_name);
        snprintf(s->con_name, sizeof s->con_name, "%s", name);
    }
    s->parent = (ULONG)(index_of(parent) + 1);
    *out = handle_value(index);
    return SAR_OK;
}

ULONG DEVAPI SKF_CreateApplication(DEVHANDLE hDev, LPSTR szAppName, LPSTR szAdminPin, DWORD dwAdminPinRetryCount,
                                   LPSTR szUserPin, DWORD dwUserPinRetryCount, DWORD dwCreateFileRights,
                                   HAPPLICATION *phApplication) {
    OPEN(open_dev, hDev, t);
    if (szAdminPin == NULL || szUserPin == NULL || phApplication == NULL || dwAdminPinRetryCount == 0 ||
        dwAdminPinRetryCount > 15 || dwUserPinRetryCount == 0 || dwUserPinRetryCount > 15) {
        FINISH(&t, SAR_INVALIDPARAMERR);
    }
    FAIL_IF(&t, !name_ok(szAppName, STORE_APP_NAME_MAX), SAR_APPLICATION_NAME_INVALID);
    FAIL_IF(&t, !store_pin_length_ok(szAdminPin) || !store_pin_length_ok(szUserPin), SAR_PIN_LEN_RANGE);
    FAIL_IF(&t, !device_authenticated(&t), SAR_USER_NOT_LOGGED_IN);
    FAIL_IF(&t, find_app(t.dev, szAppName) != NULL, SAR_APPLICATION_EXISTS);
    FAIL_IF(&t, t.dev->n_apps >= STORE_MAX_APPS, SAR_NO_ROOM);
    store_app *app = &t.dev->apps[t.dev->n_apps];
    memset(app, 0, sizeof *app);
    snprintf(app->name, sizeof app->name, "%s", szAppName);
    app->create_file_rights = dwCreateFileRights;
    app->admin.max_retries = app->admin.remaining = dwAdminPinRetryCount;
    app->user.max_retries = app->user.remaining = dwUserPinRetryCount;
    app->admin.is_default = app->user.is_default = 1;
    FAIL_IF(&t, !store_pin_set(&app->admin, szAdminPin) || !store_pin_set(&app->user, szUserPin), SAR_FAIL);
    t.dev->n_apps++;
    ULONG rv = save(&t);
    if (rv == SAR_OK) {
        security_clear(t.dev_slot->dev_name, szAppName);
        rv = new_child(t.dev_slot, APP, szAppName, phApplication);
    }
    FINISH(&t, rv);
}

ULONG DEVAPI SKF_EnumApplication(DEVHANDLE hDev, LPSTR szAppName, ULONG *pulSize) {
    OPEN(open_dev, hDev, t);
    const char *names[STORE_MAX_APPS];
    for (int i = 0; i < t.dev->n_apps; i++) {
        names[i] = t.dev->apps[i].name;
    }
    FINISH(&t, put_names(names, (size_t)t.dev->n_apps, szAppName, pulSize));
}

ULONG DEVAPI SKF_DeleteApplication(DEVHANDLE hDev, LPSTR szAppName) {
    OPEN(open_dev, hDev, t);
    FAIL_IF(&t, !name_ok(szAppName, STORE_APP_NAME_MAX), SAR_APPLICATION_NAME_INVALID);
    FAIL_IF(&t, !device_authenticated(&t), SAR_USER_NOT_LOGGED_IN);
    store_app *app = find_app(t.dev, szAppName);
    FAIL_IF(&t, app == NULL, SAR_APPLICATION_NOT_EXISTS);
    int index = (int)(app - t.dev->apps);
    memmove(app, app + 1, sizeof *app * (size_t)(t.dev->n_apps - index - 1));
    t.dev->n_apps--;
    ULONG rv = save(&t);
    if (rv == SAR_OK) {
        security_clear(t.dev_slot->dev_name, szAppName);
    }
    FINISH(&t, rv);
}

ULONG DEVAPI SKF_OpenApplication(DEVHANDLE hDev, LPSTR szAppName, HAPPLICATION *phApplication) {
    OPEN(open_dev, hDev, t);
    FAIL_IF(&t, phApplication == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !name_ok(szAppName, STORE_APP_NAME_MAX), SAR_APPLICATION_NAME_INVALID);
    FAIL_IF(&t, find_app(t.dev, szAppName) == NULL, SAR_APPLICATION_NOT_EXISTS);
    FINISH(&t, new_child(t.dev_slot, APP, szAppName, phApplication));
}

ULONG DEVAPI SKF_CloseApplication(HAPPLICATION hApplication) {
    return close_handle(hApplication, APP);
}

/* ---------- 7.5 containers ---------- */

ULONG DEVAPI SKF_CreateContainer(HAPPLICATION hApplication, LPSTR szContainerName, HCONTAINER *phContainer) {
    OPEN(open_app, hApplication, t);
    FAIL_IF(&t, phContainer == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !name_ok(szContainerName, STORE_CONTAINER_NAME_MAX), SAR_NAMELENERR);
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    FAIL_IF(&t, find_container(t.app, szContainerName) != NULL, SAR_FILE_ALREADY_EXIST);
    FAIL_IF(&t, t.app->n_containers >= STORE_MAX_CONTAINERS, SAR_REACH_MAX_CONTAINER_COUNT);
    store_container *con = &t.app->containers[t.app->n_containers++];
    memset(con, 0, sizeof *con);
    snprintf(con->name, sizeof con->name, "%s", szContainerName);
    ULONG rv = save(&t);
    if (rv == SAR_OK) {
        rv = new_child(t.app_slot, CON, szContainerName, phContainer);
    }
    FINISH(&t, rv);
}

ULONG DEVAPI SKF_DeleteContainer(HAPPLICATION hApplication, LPSTR szContainerName) {
    OPEN(open_app, hApplication, t);
    FAIL_IF(&t, !name_ok(szContainerName, STORE_CONTAINER_NAME_MAX), SAR_NAMELENERR);
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    store_container *con = find_container(t.app, szContainerName);
    FAIL_IF(&t, con == NULL, SAR_FILE_NOT_EXIST);
    int index = (int)(con - t.app->containers);
    memmove(con, con + 1, sizeof *con * (size_t)(t.app->n_containers - index - 1));
    t.app->n_containers--;
    FINISH(&t, save(&t));
}

ULONG DEVAPI SKF_OpenContainer(HAPPLICATION hApplication, LPSTR szContainerName, HCONTAINER *phContainer) {
    OPEN(open_app, hApplication, t);
    FAIL_IF(&t, phContainer == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !name_ok(szContainerName, STORE_CONTAINER_NAME_MAX), SAR_NAMELENERR);
    FAIL_IF(&t, find_container(t.app, szContainerName) == NULL, SAR_FILE_NOT_EXIST);
    FINISH(&t, new_child(t.app_slot, CON, szContainerName, phContainer));
}

ULONG DEVAPI SKF_CloseContainer(HCONTAINER hContainer) {
    return close_handle(hContainer, CON);
}

ULONG DEVAPI SKF_EnumContainer(HAPPLICATION hApplication, LPSTR szContainerName, ULONG *pulSize) {
    OPEN(open_app, hApplication, t);
    const char *names[STORE_MAX_CONTAINERS];
    for (int i = 0; i < t.app->n_containers; i++) {
        names[i] = t.app->containers[i].name;
    }
    FINISH(&t, put_names(names, (size_t)t.app->n_containers, szContainerName, pulSize));
}

ULONG DEVAPI SKF_GetContainerType(HCONTAINER hContainer, ULONG *pulContainerType) {
    OPEN(open_con, hContainer, t);
    FAIL_IF(&t, pulContainerType == NULL, SAR_INVALIDPARAMERR);
    *pulContainerType = t.con->type;
    FINISH(&t, SAR_OK);
}

ULONG DEVAPI SKF_ImportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbCert, ULONG ulCertLen) {
    OPEN(open_con, hContainer, t);
    FAIL_IF(&t, pbCert == NULL || ulCertLen == 0, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, ulCertLen > STORE_CERT_MAX, SAR_INDATALENERR);
    /* A card stores what it is given; we check it is one whole DER certificate, to catch callers' bugs. */
    const unsigned char *p = pbCert;
    X509 *cert = d2i_X509(NULL, &p, (long)ulCertLen);
    int whole = cert != NULL && p == pbCert + ulCertLen;
    X509_free(cert);
    FAIL_IF(&t, !whole, SAR_INDATAERR);
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    store_cert *slot = bSignFlag ? &t.con->sign_cert : &t.con->enc_cert;
    memcpy(slot->der, pbCert, ulCertLen);
    slot->len = ulCertLen;
    FINISH(&t, save(&t));
}

ULONG DEVAPI SKF_ExportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbCert, ULONG *pulCertLen) {
    OPEN(open_con, hContainer, t);
    const store_cert *cert = bSignFlag ? &t.con->sign_cert : &t.con->enc_cert;
    FAIL_IF(&t, pulCertLen == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, cert->len == 0, SAR_CERTNOTFOUNTERR);
    FINISH(&t, put_bytes(cert->der, cert->len, pbCert, pulCertLen));
}

/* ---------- 7.6 cryptographic services ---------- */

ULONG DEVAPI SKF_GenRandom(DEVHANDLE hDev, BYTE *pbRandom, ULONG ulRandomLen) {
    BEGIN;
    handle_slot *s = slot_of(hDev, DEV);
    RETURN_IF(s == NULL, SAR_INVALIDHANDLEERR);
    RETURN_IF(pbRandom == NULL || ulRandomLen == 0 || ulRandomLen > MAX_BUFFER, SAR_INVALIDPARAMERR);
    RETURN_IF(!gm_random(pbRandom, ulRandomLen), SAR_GENRANDERR);
    if (ulRandomLen >= 8) {
        memcpy(s->challenge, pbRandom, 8);
        s->has_challenge = 1;
    }
    END(SAR_OK);
}

static int is_sm2_signing(ULONG alg) {
    return alg == SGD_SM2_1 || alg == SGD_SM2_1_GMT0006;
}

ULONG DEVAPI SKF_GenECCKeyPair(HCONTAINER hContainer, ULONG ulAlgId, ECCPUBLICKEYBLOB *pBlob) {
    OPEN(open_con, hContainer, t);
    FAIL_IF(&t, pBlob == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !is_sm2_signing(ulAlgId), SAR_NOTSUPPORTYETERR);
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    FAIL_IF(&t, t.con->type == SKF_CONTAINER_TYPE_RSA, SAR_KEYUSAGEERR);
    store_keypair key = {1, {0}, {0}};
    FAIL_IF(&t, !gm_sm2_generate(key.priv, key.pub), SAR_FAIL);
    t.con->sign = key;
    t.con->type = SKF_CONTAINER_TYPE_ECC;
    gm_cleanse(&key, sizeof key);
    ULONG rv = save(&t);
    if (rv == SAR_OK) {
        write_public_blob(t.con->sign.pub, pBlob);
    }
    FINISH(&t, rv);
}

ULONG DEVAPI SKF_ImportECCKeyPair(HCONTAINER hContainer, PENVELOPEDKEYBLOB pEnvelopedKeyBlob) {
    OPEN(open_con, hContainer, t);
    ENVELOPEDKEYBLOB *env = pEnvelopedKeyBlob;
    FAIL_IF(&t, env == NULL || env->Version != SKF_ENVELOPEDKEYBLOB_VERSION || env->ulBits != 256, SAR_INVALIDPARAMERR);
    if (env->ulSymmAlgID != SGD_SM4_ECB) {
        FINISH(&t, SAR_NOTSUPPORTYETERR); /* ECB only, as the standard says; no SM1 in software */
    }
    FAIL_IF(&t, env->ECCCipherBlob.CipherLen != 16, SAR_INDATALENERR);
    uint8_t pub[64];
    FAIL_IF(&t, !read_public_blob(&env->PubKey, pub), SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    if (!t.con->sign.present) {
        FINISH(&t, SAR_KEYNOTFOUNTERR); /* the envelope is opened with the signing key */
    }
    uint8_t sym[16];
    ULONG sym_len = sizeof sym;
    ULONG rv = decrypt_into(t.con->sign.priv, &env->ECCCipherBlob, sym, &sym_len);
    FAIL_IF(&t, rv != SAR_OK, rv);
    store_keypair key = {1, {0}, {0}};
    uint8_t derived[64];
    /* The private key is right-aligned in cbEncryptedPriKey: its last 32 bytes are E_K(d). */
    int ok = gm_sm4(0, sym, NULL, env->cbEncryptedPriKey + 32, 32, key.priv) && gm_sm2_public_of(key.priv, derived) &&
             memcmp(derived, pub, 64) == 0;
    gm_cleanse(sym, sizeof sym);
    if (!ok) {
        gm_cleanse(&key, sizeof key);
        FINISH(&t, SAR_INDATAERR);
    }
    memcpy(key.pub, pub, 64);
    t.con->enc = key;
    t.con->type = SKF_CONTAINER_TYPE_ECC;
    gm_cleanse(&key, sizeof key);
    FINISH(&t, save(&t));
}

ULONG DEVAPI SKF_ECCSignData(HCONTAINER hContainer, BYTE *pbDigest, ULONG ulDigestLen, PECCSIGNATUREBLOB pSignature) {
    OPEN(open_con, hContainer, t);
    FAIL_IF(&t, pbDigest == NULL || pSignature == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, ulDigestLen != 32, SAR_INDATALENERR);
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    FAIL_IF(&t, !t.con->sign.present, SAR_KEYNOTFOUNTERR);
    FINISH(&t, sign_into(t.con->sign.priv, pbDigest, ulDigestLen, pSignature));
}

ULONG DEVAPI SKF_ECCVerify(DEVHANDLE hDev, ECCPUBLICKEYBLOB *pECCPubKeyBlob, BYTE *pbData, ULONG ulDataLen,
                           PECCSIGNATUREBLOB pSignature) {
    BEGIN;
    RETURN_IF(slot_of(hDev, DEV) == NULL, SAR_INVALIDHANDLEERR);
    END(verify(pECCPubKeyBlob, pbData, ulDataLen, pSignature));
}

ULONG DEVAPI SKF_ExtECCVerify(DEVHANDLE hDev, ECCPUBLICKEYBLOB *pECCPubKeyBlob, BYTE *pbData, ULONG ulDataLen,
                              PECCSIGNATUREBLOB pSignature) {
    return SKF_ECCVerify(hDev, pECCPubKeyBlob, pbData, ulDataLen, pSignature);
}

ULONG DEVAPI SKF_ExtECCSign(DEVHANDLE hDev, ECCPRIVATEKEYBLOB *pECCPriKeyBlob, BYTE *pbData, ULONG ulDataLen,
                            PECCSIGNATUREBLOB pSignature) {
    BEGIN;
    RETURN_IF(slot_of(hDev, DEV) == NULL, SAR_INVALIDHANDLEERR);
    uint8_t priv[32];
    RETURN_IF(!read_private_blob(pECCPriKeyBlob, priv), SAR_INVALIDPARAMERR);
    ULONG rv = sign_into(priv, pbData, ulDataLen, pSignature);
    gm_cleanse(priv, sizeof priv);
    END(rv);
}

ULONG DEVAPI SKF_ExtECCEncrypt(DEVHANDLE hDev, ECCPUBLICKEYBLOB *pECCPubKeyBlob, BYTE *pbPlainText,
                               ULONG ulPlainTextLen, PECCCIPHERBLOB pCipherText) {
    BEGIN;
    RETURN_IF(slot_of(hDev, DEV) == NULL, SAR_INVALIDHANDLEERR);
    uint8_t pub[64];
    RETURN_IF(pbPlainText == NULL || pCipherText == NULL || !read_public_blob(pECCPubKeyBlob, pub), SAR_INVALIDPARAMERR);
    RETURN_IF(ulPlainTextLen == 0 || ulPlainTextLen > MAX_ECC_PLAINTEXT, SAR_INDATALENERR);
    uint8_t c1[64];
    uint8_t c3[32];
    uint8_t c2[MAX_ECC_PLAINTEXT];
    RETURN_IF(!gm_sm2_encrypt(pub, pbPlainText, ulPlainTextLen, c1, c3, c2), SAR_FAIL);
    /* The caller allocated sizeof(ECCCIPHERBLOB) - 1 + ulPlainTextLen bytes: write no further. */
    memset(pCipherText, 0, offsetof(ECCCIPHERBLOB, Cipher));
    memcpy(pCipherText->XCoordinate + 32, c1, 32);
    memcpy(pCipherText->YCoordinate + 32, c1 + 32, 32);
    memcpy(pCipherText->HASH, c3, 32);
    pCipherText->CipherLen = ulPlainTextLen;
    memcpy(pCipherText->Cipher, c2, ulPlainTextLen);
    END(SAR_OK);
}

ULONG DEVAPI SKF_ExtECCDecrypt(DEVHANDLE hDev, ECCPRIVATEKEYBLOB *pECCPriKeyBlob, PECCCIPHERBLOB pCipherText,
                               BYTE *pbPlainText, ULONG *pulPlainTextLen) {
    BEGIN;
    RETURN_IF(slot_of(hDev, DEV) == NULL, SAR_INVALIDHANDLEERR);
    uint8_t priv[32];
    RETURN_IF(!read_private_blob(pECCPriKeyBlob, priv), SAR_INVALIDPARAMERR);
    ULONG rv = decrypt_into(priv, pCipherText, pbPlainText, pulPlainTextLen);
    gm_cleanse(priv, sizeof priv);
    END(rv);
}

ULONG DEVAPI SKF_ECCDecrypt(HCONTAINER hContainer, PECCCIPHERBLOB pCipherText, BYTE *pbPlainText,
                            ULONG *pulPlainTextLen) {
    OPEN(open_con, hContainer, t);
    FAIL_IF(&t, pCipherText == NULL || pulPlainTextLen == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    FAIL_IF(&t, !t.con->enc.present, SAR_KEYNOTFOUNTERR);
    FINISH(&t, decrypt_into(t.con->enc.priv, pCipherText, pbPlainText, pulPlainTextLen));
}

ULONG DEVAPI SKF_ExportPublicKey(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbBlob, ULONG *pulBlobLen) {
    OPEN(open_con, hContainer, t);
    FAIL_IF(&t, pulBlobLen == NULL, SAR_INVALIDPARAMERR);
    const store_keypair *key = bSignFlag ? &t.con->sign : &t.con->enc;
    FAIL_IF(&t, !key->present, SAR_KEYNOTFOUNTERR);
    ECCPUBLICKEYBLOB blob;
    write_public_blob(key->pub, &blob);
    FINISH(&t, put_bytes((const uint8_t *)&blob, sizeof blob, pbBlob, pulBlobLen));
}

/* ---------- session keys (SM4) ---------- */

static int is_sm4(ULONG alg) {
    return alg == SGD_SM4_ECB || alg == SGD_SM4_CBC;
}

static ULONG new_key(handle_slot *dev_slot, const uint8_t key[16], ULONG alg, HANDLE *out) {
    size_t index = 0;
    handle_slot *s = slot_new(KEY, &index);
    if (s == NULL) {
        return SAR_MEMORYERR;
    }
    memcpy(s->key, key, 16);
    s->alg = alg;
    s->parent = (ULONG)(index_of(dev_slot) + 1);
    *out = handle_value(index);
    return SAR_OK;
}

ULONG DEVAPI SKF_SetSymmKey(DEVHANDLE hDev, BYTE *pbKey, ULONG ulAlgID, HANDLE *phKey) {
    BEGIN;
    handle_slot *dev = slot_of(hDev, DEV);
    RETURN_IF(dev == NULL, SAR_INVALIDHANDLEERR);
    RETURN_IF(pbKey == NULL || phKey == NULL, SAR_INVALIDPARAMERR);
    RETURN_IF(!is_sm4(ulAlgID), SAR_NOTSUPPORTYETERR);
    END(new_key(dev, pbKey, ulAlgID, phKey));
}

ULONG DEVAPI SKF_ImportSessionKey(HCONTAINER hContainer, ULONG ulAlgId, BYTE *pbWrapedData, ULONG ulWrapedLen,
                                  HANDLE *phKey) {
    OPEN(open_con, hContainer, t);
    FAIL_IF(&t, pbWrapedData == NULL || phKey == NULL, SAR_INVALIDPARAMERR);
    FAIL_IF(&t, !is_sm4(ulAlgId), SAR_NOTSUPPORTYETERR);
    const ECCCIPHERBLOB *blob = (const ECCCIPHERBLOB *)pbWrapedData;
    if (ulWrapedLen < offsetof(ECCCIPHERBLOB, Cipher) + 16 || blob->CipherLen != 16 ||
        ulWrapedLen < offsetof(ECCCIPHERBLOB, Cipher) + blob->CipherLen) {
        FINISH(&t, SAR_INDATALENERR);
    }
    FAIL_IF(&t, !user_logged_in(&t), SAR_USER_NOT_LOGGED_IN);
    if (!t.con->enc.present) {
        FINISH(&t, SAR_KEYNOTFOUNTERR); /* session keys come wrapped to the encryption key */
    }
    uint8_t key[16];
    ULONG key_len = sizeof key;
    ULONG rv = decrypt_into(t.con->enc.priv, blob, key, &key_len);
    if (rv == SAR_OK) {
        rv = new_key(t.dev_slot, key, ulAlgId, phKey);
    }
    gm_cleanse(key, sizeof key);
    FINISH(&t, rv);
}

static ULONG cipher_init(HANDLE hKey, const BLOCKCIPHERPARAM *param, int mode) {
    BEGIN;
    handle_slot *s = slot_of(hKey, KEY);
    RETURN_IF(s == NULL, SAR_INVALIDHANDLEERR);
    RETURN_IF(param->PaddingType > 1 || (s->alg == SGD_SM4_CBC && param->IVLen != 16), SAR_INVALIDPARAMERR);
    memcpy(s->iv, param->IV, 16);
    s->padding = param->PaddingType;
    s->cipher_mode = mode;
    END(SAR_OK);
}

ULONG DEVAPI SKF_EncryptInit(HANDLE hKey, BLOCKCIPHERPARAM EncryptParam) {
    return cipher_init(hKey, &EncryptParam, 1);
}

ULONG DEVAPI SKF_DecryptInit(HANDLE hKey, BLOCKCIPHERPARAM DecryptParam) {
    return cipher_init(hKey, &DecryptParam, 2);
}

/* One-shot SM4 with optional PKCS#5 padding; the operation ends with the call, as the spec says. */
static ULONG cipher_run(HANDLE hKey, int mode, const BYTE *in, ULONG in_len, BYTE *out, ULONG *out_len) {
    BEGIN;
    handle_slot *s = slot_of(hKey, KEY);
    RETURN_IF(s == NULL, SAR_INVALIDHANDLEERR);
    RETURN_IF(s->cipher_mode != mode, SAR_NOTINITIALIZEERR);
    RETURN_IF(in == NULL || out_len == NULL, SAR_INVALIDPARAMERR);
    if (in_len > MAX_BUFFER || (in_len % 16 != 0 && (mode == 2 || s->padding == 0)) ||
        (mode == 2 && in_len == 0)) {
        END(SAR_INDATALENERR);
    }
    size_t padded = mode == 1 && s->padding ? (in_len / 16 + 1) * 16 : in_len;
    if (out == NULL) {
        *out_len = (ULONG)padded; /* decrypting: an upper bound */
        END(SAR_OK);
    }
    uint8_t *buffer = malloc(padded + 1);
    RETURN_IF(buffer == NULL, SAR_MEMORYERR);
    memcpy(buffer, in, in_len);
    if (mode == 1 && s->padding) {
        memset(buffer + in_len, (int)(padded - in_len), padded - in_len);
    }
    uint8_t *result = malloc(padded + 1);
    uint8_t iv[16];
    memcpy(iv, s->iv, 16);
    ULONG rv = SAR_OK;
    size_t result_len = padded;
    if (result == NULL) {
        rv = SAR_MEMORYERR;
    } else if (!gm_sm4(mode == 1, s->key, s->alg == SGD_SM4_CBC ? iv : NULL, buffer, padded, result)) {
        rv = SAR_FAIL;
    } else if (mode == 2 && s->padding) {
        uint8_t pad = padded > 0 ? result[padded - 1] : 0;
        int bad = pad == 0 || pad > 16;
        for (size_t i = 0; !bad && i < pad; i++) {
            bad = result[padded - 1 - i] != pad;
        }
        rv = bad ? SAR_DECRYPTPADERR : SAR_OK;
        result_len = bad ? 0 : padded - pad;
    }
    if (rv == SAR_OK && *out_len < result_len) {
        *out_len = (ULONG)result_len;
        rv = SAR_BUFFER_TOO_SMALL;
    } else if (rv == SAR_OK) {
        memcpy(out, result, result_len);
        *out_len = (ULONG)result_len;
        s->cipher_mode = 0;
    }
    if (result != NULL) {
        gm_cleanse(result, padded);
    }
    gm_cleanse(buffer, padded);
    free(result);
    free(buffer);
    END(rv);
}

ULONG DEVAPI SKF_Encrypt(HANDLE hKey, BYTE *pbData, ULONG ulDataLen, BYTE *pbEncryptedData, ULONG *pulEncryptedLen) {
    return cipher_run(hKey, 1, pbData, ulDataLen, pbEncryptedData, pulEncryptedLen);
}

ULONG DEVAPI SKF_Decrypt(HANDLE hKey, BYTE *pbEncryptedData, ULONG ulEncryptedLen, BYTE *pbData, ULONG *pulDataLen) {
    return cipher_run(hKey, 2, pbEncryptedData, ulEncryptedLen, pbData, pulDataLen);
}

/* ---------- hashing ---------- */

ULONG DEVAPI SKF_DigestInit(DEVHANDLE hDev, ULONG ulAlgID, ECCPUBLICKEYBLOB *pPubKey, BYTE *pbID, ULONG ulIDLen,
                            HANDLE *phHash) {
    BEGIN;
    handle_slot *dev = slot_of(hDev, DEV);
    RETURN_IF(dev == NULL, SAR_INVALIDHANDLEERR);
    RETURN_IF(phHash == NULL || (ulIDLen > 0 && (pbID == NULL || pPubKey == NULL)) || ulIDLen > 8191, SAR_INVALIDPARAMERR);
    const EVP_MD *md = ulAlgID == SGD_SM3 ? EVP_sm3() : ulAlgID == SGD_SHA1 ? EVP_sha1()
                     : ulAlgID == SGD_SHA256 ? EVP_sha256() : NULL;
    RETURN_IF(md == NULL, SAR_NOTSUPPORTYETERR);
    uint8_t z[32];
    if (ulIDLen > 0) {
        /* SM2 pre-processing 1: with a public key and an ID, the hash starts with Z. */
        uint8_t pub[64];
        if (ulAlgID != SGD_SM3 || !read_public_blob(pPubKey, pub)) {
            END(SAR_INVALIDPARAMERR);
        }
        if (!gm_sm2_z(pub, pbID, ulIDLen, z)) {
            END(SAR_HASHERR);
        }
    }
    size_t index = 0;
    handle_slot *s = slot_new(HASH, &index);
    RETURN_IF(s == NULL, SAR_MEMORYERR);
    s->parent = (ULONG)(index_of(dev) + 1);
    s->md = EVP_MD_CTX_new();
    if (s->md == NULL || EVP_DigestInit_ex(s->md, md, NULL) != 1 ||
        (ulIDLen > 0 && EVP_DigestUpdate(s->md, z, sizeof z) != 1)) {
        slot_free(s);
        END(SAR_HASHERR);
    }
    *phHash = handle_value(index);
    END(SAR_OK);
}

ULONG DEVAPI SKF_DigestUpdate(HANDLE hHash, BYTE *pbData, ULONG ulDataLen) {
    BEGIN;
    handle_slot *s = slot_of(hHash, HASH);
    RETURN_IF(s == NULL, SAR_INVALIDHANDLEERR);
    RETURN_IF(pbData == NULL && ulDataLen > 0, SAR_INVALIDPARAMERR);
    RETURN_IF(EVP_MD_CTX_get0_md(s->md) == NULL, SAR_HASHOBJERR);
    END(EVP_DigestUpdate(s->md, pbData, ulDataLen) == 1 ? SAR_OK : SAR_HASHERR);
}

ULONG DEVAPI SKF_DigestFinal(HANDLE hHash, BYTE *pHashData, ULONG *pulHashLen) {
    BEGIN;
    handle_slot *s = slot_of(hHash, HASH);
    RETURN_IF(s == NULL, SAR_INVALIDHANDLEERR);
    RETURN_IF(pulHashLen == NULL, SAR_INVALIDPARAMERR);
    const EVP_MD *md = EVP_MD_CTX_get0_md(s->md);
    RETURN_IF(md == NULL, SAR_HASHOBJERR);
    ULONG size = (ULONG)EVP_MD_get_size(md);
    if (pHashData == NULL) {
        *pulHashLen = size;
        END(SAR_OK);
    }
    if (*pulHashLen < size) {
        *pulHashLen = size;
        END(SAR_BUFFER_TOO_SMALL);
    }
    unsigned int out_len = 0;
    int ok = EVP_DigestFinal_ex(s->md, pHashData, &out_len) == 1;
    EVP_MD_CTX_reset(s->md); /* finished: further use gives SAR_HASHOBJERR */
    *pulHashLen = out_len;
    END(ok ? SAR_OK : SAR_HASHERR);
}

ULONG DEVAPI SKF_Digest(HANDLE hHash, BYTE *pbData, ULONG ulDataLen, BYTE *pbHashData, ULONG *pulHashLen) {
    if (pbHashData != NULL && pulHashLen != NULL) {
        ULONG needed = 0;
        ULONG rv = SKF_DigestFinal(hHash, NULL, &needed); /* a size query: nothing fed or finished yet */
        if (rv != SAR_OK) {
            return rv;
        }
        if (*pulHashLen < needed) {
            *pulHashLen = needed;
            return SAR_BUFFER_TOO_SMALL;
        }
        rv = SKF_DigestUpdate(hHash, pbData, ulDataLen);
        if (rv != SAR_OK) {
            return rv;
        }
    }
    return SKF_DigestFinal(hHash, pbHashData, pulHashLen);
}

ULONG DEVAPI SKF_CloseHandle(HANDLE hHandle) {
    BEGIN;
    handle_slot *s = slot_of(hHandle, HASH);
    if (s == NULL) {
        s = slot_of(hHandle, KEY);
    }
    RETURN_IF(s == NULL, SAR_INVALIDHANDLEERR);
    slot_free(s);
    END(SAR_OK);
}
