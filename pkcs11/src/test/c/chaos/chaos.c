/*
 * The chaos token: a PKCS#11 module that forwards every call to a real one (SoftHSM2) and, on
 * command, makes it fail the way real USB keys fail. Tests only; built by the pkcs11 module's
 * build into target/chaos/libukeychaos.so.
 *
 * UKEY_CHAOS_MODULE   the real module (default /usr/lib/softhsm/libsofthsm2.so)
 * UKEY_CHAOS_CONTROL  a control file; without it the module only forwards
 *
 * The control file says what the token does now, one command a line ('#' starts a comment):
 *
 *   remove                          the token is out: slots without a token, CKR_TOKEN_NOT_PRESENT
 *                                   for slot calls, CKR_DEVICE_REMOVED for session calls, and the
 *                                   sessions (and the login) gone, as when a key is pulled out
 *   insert                          the token is in (what a file without "remove" says too)
 *   remove before|during|after FN N on the Nth call of FN: before it runs (it fails and does
 *                                   nothing), during it (it runs, its answer is lost: the device
 *                                   is gone), or after it (it runs and answers; the next call finds
 *                                   the token gone)
 *   fail FN N CKR [during]          the Nth call of FN answers CKR without running (or, "during",
 *                                   runs and then answers CKR). As on a real token, a failed
 *                                   call of a running search, signature, digest or cipher ends
 *                                   that operation, and a failed C_*Init leaves none running)
 *   full                            creating or generating objects answers CKR_DEVICE_MEMORY
 *   slow MS                         every call first waits MS milliseconds
 *   pin normal|countLow|finalTry|locked
 *                                   C_GetTokenInfo's user-PIN flags; from there a wrong PIN moves
 *                                   them on (countLow, finalTry, locked), a right one back to
 *                                   normal, and locked refuses C_Login with CKR_PIN_LOCKED
 *
 * The module looks at the file (stat: inode, size, modification time) at every call and, when
 * it changed, starts over from what it says: the call counts of the triggers start again at
 * zero. Triggers fire once. Each fired trigger and each line it could not read is appended to
 * the control file's name + ".log", which tests read to know a fault really happened.
 */
#define _GNU_SOURCE /* RTLD_DEEPBIND */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* p11-kit's own names (ck_rv_t, struct ck_function_list), which its header keeps when this is set. */
#define CRYPTOKI_GNU 1
#include <p11-kit/pkcs11.h>

#include "chaos_functions.inc"

/* Every C_* function is exported, as by any PKCS#11 module: callers may skip C_GetFunctionList. */
#define CHAOS_EXPORT __attribute__((visibility("default")))
#define DEFAULT_REAL_MODULE "/usr/lib/softhsm/libsofthsm2.so"
#define MAX_TRIGGERS 32
#define MAX_LINE 256
#define MAX_SLOTS 64

enum chaos_kind { CHAOS_GENERAL, CHAOS_SLOT, CHAOS_SESSION };
enum trigger_action { TRIGGER_FAIL, TRIGGER_REMOVE };
enum trigger_when { WHEN_BEFORE, WHEN_DURING, WHEN_AFTER };
enum pin_state { PIN_REAL, PIN_NORMAL, PIN_COUNT_LOW, PIN_FINAL_TRY, PIN_LOCKED };

struct trigger {
	enum trigger_action action;
	enum trigger_when when;
	enum chaos_function function;
	unsigned long nth;
	ck_rv_t rv;
	int fired;
	char line[MAX_LINE];
};

/* What one call was told to do after the real module answered. */
struct chaos_call {
	enum chaos_function function;
	unsigned long handle;
	int remove_after;
	int replace_rv;
	ck_rv_t rv;
};

static struct ck_function_list *chaos_real;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static ck_rv_t load_rv = CKR_GENERAL_ERROR;

/* Everything below is guarded by state_lock. */
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static char control_path[4096];
static int have_control;
static struct stat control_seen;
static int control_present;
static int removed;
static int full;
static long slow_ms;
static enum pin_state pin = PIN_REAL;
static struct trigger triggers[MAX_TRIGGERS];
static int trigger_count;
static unsigned long calls[FN_COUNT];

static const struct {
	const char *name;
	ck_rv_t value;
} rv_names[] = {
	{"CKR_GENERAL_ERROR", CKR_GENERAL_ERROR},
	{"CKR_FUNCTION_FAILED", CKR_FUNCTION_FAILED},
	{"CKR_DEVICE_ERROR", CKR_DEVICE_ERROR},
	{"CKR_DEVICE_MEMORY", CKR_DEVICE_MEMORY},
	{"CKR_DEVICE_REMOVED", CKR_DEVICE_REMOVED},
	{"CKR_TOKEN_NOT_PRESENT", CKR_TOKEN_NOT_PRESENT},
	{"CKR_HOST_MEMORY", CKR_HOST_MEMORY},
	{"CKR_PIN_INCORRECT", CKR_PIN_INCORRECT},
	{"CKR_PIN_LOCKED", CKR_PIN_LOCKED},
	{"CKR_SESSION_CLOSED", CKR_SESSION_CLOSED},
	{"CKR_SESSION_HANDLE_INVALID", CKR_SESSION_HANDLE_INVALID},
	{"CKR_TOKEN_WRITE_PROTECTED", CKR_TOKEN_WRITE_PROTECTED},
	{"CKR_USER_NOT_LOGGED_IN", CKR_USER_NOT_LOGGED_IN},
	{"CKR_CRYPTOKI_NOT_INITIALIZED", CKR_CRYPTOKI_NOT_INITIALIZED},
};

static void log_event(const char *what, const char *line)
{
	char path[4096 + 8];
	FILE *log;

	snprintf(path, sizeof path, "%s.log", control_path);
	log = fopen(path, "a");
	if (log != NULL) {
		fprintf(log, "%s %s\n", what, line);
		fclose(log);
	}
}

static int function_named(const char *name, enum chaos_function *function)
{
	for (int i = 0; i < FN_COUNT; i++) {
		if (strcmp(chaos_function_names[i], name) == 0) {
			*function = (enum chaos_function) i;
			return 1;
		}
	}
	return 0;
}

static int rv_named(const char *name, ck_rv_t *rv)
{
	char *end;

	for (size_t i = 0; i < sizeof rv_names / sizeof rv_names[0]; i++) {
		if (strcmp(rv_names[i].name, name) == 0) {
			*rv = rv_names[i].value;
			return 1;
		}
	}
	errno = 0;
	*rv = strtoul(name, &end, 0);
	return errno == 0 && end != name && *end == '\0';
}

static int positive(const char *text, unsigned long *value)
{
	char *end;

	errno = 0;
	*value = strtoul(text, &end, 10);
	return errno == 0 && end != text && *end == '\0' && *value > 0;
}

/* The sessions of every slot end, as they do when a key leaves its port. */
static void drop_sessions(void)
{
	ck_slot_id_t slots[MAX_SLOTS];
	unsigned long count = MAX_SLOTS;

	if (chaos_real->C_GetSlotList(0, slots, &count) != CKR_OK)
		return;
	for (unsigned long i = 0; i < count; i++)
		chaos_real->C_CloseAllSessions(slots[i]);
}

static void set_removed(void)
{
	if (!removed) {
		removed = 1;
		drop_sessions();
	}
}

/* One line of the control file; 0 when it cannot be read. */
static int apply(char *line)
{
	char copy[MAX_LINE];
	char *words[6];
	int n = 0;
	char *save;

	snprintf(copy, sizeof copy, "%s", line);
	for (char *w = strtok_r(line, " \t", &save); w != NULL && n < 6; w = strtok_r(NULL, " \t", &save))
		words[n++] = w;
	if (n == 0)
		return 1;
	if (strcmp(words[0], "remove") == 0 && n == 1) {
		set_removed();
		return 1;
	}
	if (strcmp(words[0], "insert") == 0 && n == 1) {
		removed = 0;
		return 1;
	}
	if (strcmp(words[0], "full") == 0 && n == 1) {
		full = 1;
		return 1;
	}
	if (strcmp(words[0], "slow") == 0 && n == 2) {
		unsigned long ms;
		if (!positive(words[1], &ms))
			return 0;
		slow_ms = (long) ms;
		return 1;
	}
	if (strcmp(words[0], "pin") == 0 && n == 2) {
		if (strcmp(words[1], "normal") == 0)
			pin = PIN_NORMAL;
		else if (strcmp(words[1], "countLow") == 0)
			pin = PIN_COUNT_LOW;
		else if (strcmp(words[1], "finalTry") == 0)
			pin = PIN_FINAL_TRY;
		else if (strcmp(words[1], "locked") == 0)
			pin = PIN_LOCKED;
		else
			return 0;
		return 1;
	}
	if (trigger_count == MAX_TRIGGERS)
		return 0;
	struct trigger *t = &triggers[trigger_count];
	memset(t, 0, sizeof *t);
	snprintf(t->line, sizeof t->line, "%s", copy);
	if (strcmp(words[0], "remove") == 0 && n == 4) {
		t->action = TRIGGER_REMOVE;
		if (strcmp(words[1], "before") == 0)
			t->when = WHEN_BEFORE;
		else if (strcmp(words[1], "during") == 0)
			t->when = WHEN_DURING;
		else if (strcmp(words[1], "after") == 0)
			t->when = WHEN_AFTER;
		else
			return 0;
		if (!function_named(words[2], &t->function) || !positive(words[3], &t->nth))
			return 0;
		trigger_count++;
		return 1;
	}
	if (strcmp(words[0], "fail") == 0 && (n == 4 || (n == 5 && strcmp(words[4], "during") == 0))) {
		t->action = TRIGGER_FAIL;
		t->when = n == 5 ? WHEN_DURING : WHEN_BEFORE;
		if (!function_named(words[1], &t->function) || !positive(words[2], &t->nth) || !rv_named(words[3], &t->rv))
			return 0;
		trigger_count++;
		return 1;
	}
	return 0;
}

/* Starts over from the control file if it changed since it was last read. */
static void refresh_control(void)
{
	struct stat now;
	int present;
	FILE *file;
	char line[MAX_LINE];

	if (!have_control)
		return;
	present = stat(control_path, &now) == 0;
	if (present == control_present && (!present || (now.st_ino == control_seen.st_ino && now.st_size == control_seen.st_size
			&& now.st_mtim.tv_sec == control_seen.st_mtim.tv_sec && now.st_mtim.tv_nsec == control_seen.st_mtim.tv_nsec)))
		return;
	control_present = present;
	control_seen = now;
	removed = 0;
	full = 0;
	slow_ms = 0;
	pin = PIN_REAL;
	trigger_count = 0;
	memset(calls, 0, sizeof calls);
	if (!present)
		return;
	file = fopen(control_path, "r");
	if (file == NULL)
		return;
	while (fgets(line, sizeof line, file) != NULL) {
		char *hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		line[strcspn(line, "\r\n")] = '\0';
		char shown[MAX_LINE];
		snprintf(shown, sizeof shown, "%s", line);
		if (!apply(line))
			log_event("unreadable", shown);
	}
	fclose(file);
}

static void sleep_ms(long ms)
{
	struct timespec left = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&left, &left) != 0 && errno == EINTR)
		;
}

static int creates_objects(enum chaos_function function)
{
	return function == FN_C_CreateObject || function == FN_C_CopyObject || function == FN_C_GenerateKey
		|| function == FN_C_GenerateKeyPair || function == FN_C_UnwrapKey || function == FN_C_DeriveKey;
}

/*
 * A call of a running operation (a search, a signature, a digest, a cipher): on a real token,
 * its failure ends the operation. To end it in the real module too, such a call runs before its
 * fault is answered; it changes nothing on the token.
 */
static int continues_operation(enum chaos_function function)
{
	switch (function) {
	case FN_C_Encrypt: case FN_C_EncryptUpdate: case FN_C_EncryptFinal:
	case FN_C_Decrypt: case FN_C_DecryptUpdate: case FN_C_DecryptFinal:
	case FN_C_Digest: case FN_C_DigestUpdate: case FN_C_DigestKey: case FN_C_DigestFinal:
	case FN_C_Sign: case FN_C_SignUpdate: case FN_C_SignFinal: case FN_C_SignRecover:
	case FN_C_Verify: case FN_C_VerifyUpdate: case FN_C_VerifyFinal: case FN_C_VerifyRecover:
	case FN_C_DigestEncryptUpdate: case FN_C_DecryptDigestUpdate: case FN_C_SignEncryptUpdate: case FN_C_DecryptVerifyUpdate:
	case FN_C_FindObjects: case FN_C_FindObjectsFinal:
		return 1;
	default:
		return 0;
	}
}

static ck_rv_t removed_rv(enum chaos_kind kind)
{
	return kind == CHAOS_SESSION ? CKR_DEVICE_REMOVED : CKR_TOKEN_NOT_PRESENT;
}

/*
 * Decides what a call does before it reaches the real module: 1 with *rv when it must answer
 * *rv at once, 0 when it goes on (then chaos_after() sees its result). handle is the call's
 * slot or session, 0 for the others.
 */
static int chaos_before(struct chaos_call *call, enum chaos_function function, enum chaos_kind kind, unsigned long handle, ck_rv_t *rv)
{
	long delay;
	int answered = 0;

	memset(call, 0, sizeof *call);
	call->function = function;
	call->handle = handle;
	if (chaos_real == NULL) {
		*rv = CKR_CRYPTOKI_NOT_INITIALIZED;
		return 1;
	}
	pthread_mutex_lock(&state_lock);
	refresh_control();
	calls[function]++;
	for (int i = 0; i < trigger_count; i++) {
		struct trigger *t = &triggers[i];
		if (t->fired || t->function != function || t->nth != calls[function])
			continue;
		t->fired = 1;
		log_event("fired", t->line);
		if (t->action == TRIGGER_FAIL && t->when == WHEN_BEFORE && !continues_operation(function)) {
			*rv = t->rv;
			answered = 1;
		} else if (t->action == TRIGGER_FAIL) {
			call->replace_rv = 1;
			call->rv = t->rv;
		} else if (t->when == WHEN_BEFORE) {
			set_removed();
		} else {
			call->remove_after = 1;
			if (t->when == WHEN_DURING) {
				call->replace_rv = 1;
				call->rv = removed_rv(kind);
			}
		}
	}
	if (!answered && removed && kind != CHAOS_GENERAL) {
		*rv = removed_rv(kind);
		answered = 1;
	}
	if (!answered && full && creates_objects(function)) {
		*rv = CKR_DEVICE_MEMORY;
		answered = 1;
	}
	delay = slow_ms;
	pthread_mutex_unlock(&state_lock);
	if (delay > 0)
		sleep_ms(delay);
	return answered;
}

/*
 * A failed C_*Init starts nothing on a real token. When the real module did start the operation
 * (a fault "during" the call), it is ended here, the way the caller would have ended it.
 */
static void end_started_operation(const struct chaos_call *call)
{
	unsigned char scratch[8192];
	unsigned long length = sizeof scratch;
	unsigned char nothing[1] = {0};

	switch (call->function) {
	case FN_C_FindObjectsInit:
		chaos_real->C_FindObjectsFinal(call->handle);
		break;
	case FN_C_SignInit:
		chaos_real->C_Sign(call->handle, nothing, 0, scratch, &length);
		break;
	case FN_C_SignRecoverInit:
		chaos_real->C_SignRecover(call->handle, nothing, 0, scratch, &length);
		break;
	case FN_C_VerifyInit:
		chaos_real->C_Verify(call->handle, nothing, 0, nothing, 0);
		break;
	case FN_C_VerifyRecoverInit:
		chaos_real->C_VerifyRecover(call->handle, nothing, 0, scratch, &length);
		break;
	case FN_C_DigestInit:
		chaos_real->C_Digest(call->handle, nothing, 0, scratch, &length);
		break;
	case FN_C_EncryptInit:
		chaos_real->C_Encrypt(call->handle, nothing, 0, scratch, &length);
		break;
	case FN_C_DecryptInit:
		chaos_real->C_Decrypt(call->handle, nothing, 0, scratch, &length);
		break;
	default:
		break;
	}
}

static ck_rv_t chaos_after(struct chaos_call *call, ck_rv_t rv)
{
	if (call->replace_rv && rv == CKR_OK && call->rv != CKR_OK)
		end_started_operation(call);
	if (call->remove_after) {
		pthread_mutex_lock(&state_lock);
		set_removed();
		pthread_mutex_unlock(&state_lock);
	}
	return call->replace_rv ? call->rv : rv;
}

#include "chaos_forward.inc"

static void load_real(void)
{
	const char *path = getenv("UKEY_CHAOS_MODULE");
	void *library;
	CK_C_GetFunctionList get_function_list;

	/* Its own symbols first: the real module's calls to its own C_* functions must not land here. */
	library = dlopen(path != NULL && *path != '\0' ? path : DEFAULT_REAL_MODULE, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
	if (library == NULL) {
		fprintf(stderr, "ukey chaos token: %s\n", dlerror());
		return;
	}
	get_function_list = (CK_C_GetFunctionList) dlsym(library, "C_GetFunctionList");
	if (get_function_list == NULL) {
		fprintf(stderr, "ukey chaos token: no C_GetFunctionList in the real module\n");
		return;
	}
	load_rv = get_function_list(&chaos_real);
}

static struct ck_function_list chaos_list;

static void fill_list(void)
{
	chaos_list.version.major = 2;
	chaos_list.version.minor = 40;
	CHAOS_FILL_LIST(&chaos_list);
	load_real();
}

CHAOS_EXPORT ck_rv_t C_Initialize(void *init_args)
{
	ck_rv_t rv;
	struct chaos_call call;
	const char *control = getenv("UKEY_CHAOS_CONTROL");

	pthread_once(&load_once, fill_list);
	if (load_rv != CKR_OK)
		return load_rv;

	pthread_mutex_lock(&state_lock);
	have_control = control != NULL && *control != '\0';
	if (have_control && strcmp(control_path, control) != 0) {
		/* Another test's control file: nothing of the last one's state carries over. */
		snprintf(control_path, sizeof control_path, "%s", control);
		control_present = -1;
	}
	pthread_mutex_unlock(&state_lock);
	if (chaos_before(&call, FN_C_Initialize, CHAOS_GENERAL, 0, &rv))
		return rv;
	return chaos_after(&call, chaos_real->C_Initialize(init_args));
}

CHAOS_EXPORT ck_rv_t C_Finalize(void *reserved)
{
	ck_rv_t rv;
	struct chaos_call call;

	if (chaos_before(&call, FN_C_Finalize, CHAOS_GENERAL, 0, &rv))
		return rv;
	return chaos_after(&call, chaos_real->C_Finalize(reserved));
}

CHAOS_EXPORT ck_rv_t C_GetInfo(struct ck_info *info)
{
	ck_rv_t rv;
	struct chaos_call call;

	if (chaos_before(&call, FN_C_GetInfo, CHAOS_GENERAL, 0, &rv))
		return rv;
	return chaos_after(&call, chaos_real->C_GetInfo(info));
}

CHAOS_EXPORT ck_rv_t C_GetSlotList(unsigned char token_present, ck_slot_id_t *slot_list, unsigned long *count)
{
	ck_rv_t rv;
	struct chaos_call call;
	int out;

	if (chaos_before(&call, FN_C_GetSlotList, CHAOS_GENERAL, 0, &rv))
		return rv;
	pthread_mutex_lock(&state_lock);
	out = removed;
	pthread_mutex_unlock(&state_lock);
	if (out && token_present) {
		if (count == NULL)
			return chaos_after(&call, CKR_ARGUMENTS_BAD);
		*count = 0;
		return chaos_after(&call, CKR_OK);
	}
	return chaos_after(&call, chaos_real->C_GetSlotList(token_present, slot_list, count));
}

CHAOS_EXPORT ck_rv_t C_GetSlotInfo(ck_slot_id_t slot_id, struct ck_slot_info *info)
{
	ck_rv_t rv;
	struct chaos_call call;

	if (chaos_before(&call, FN_C_GetSlotInfo, CHAOS_GENERAL, slot_id, &rv))
		return rv;
	rv = chaos_real->C_GetSlotInfo(slot_id, info);
	if (rv == CKR_OK) {
		pthread_mutex_lock(&state_lock);
		/* A USB key's slot: it can be pulled out. */
		info->flags |= CKF_REMOVABLE_DEVICE;
		if (removed)
			info->flags &= ~(unsigned long) CKF_TOKEN_PRESENT;
		pthread_mutex_unlock(&state_lock);
	}
	return chaos_after(&call, rv);
}

CHAOS_EXPORT ck_rv_t C_GetTokenInfo(ck_slot_id_t slot_id, struct ck_token_info *info)
{
	ck_rv_t rv;
	struct chaos_call call;
	const unsigned long pin_flags = CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED;

	if (chaos_before(&call, FN_C_GetTokenInfo, CHAOS_SLOT, slot_id, &rv))
		return rv;
	rv = chaos_real->C_GetTokenInfo(slot_id, info);
	if (rv == CKR_OK) {
		pthread_mutex_lock(&state_lock);
		if (pin != PIN_REAL)
			info->flags &= ~pin_flags;
		if (pin == PIN_COUNT_LOW)
			info->flags |= CKF_USER_PIN_COUNT_LOW;
		else if (pin == PIN_FINAL_TRY)
			info->flags |= CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY;
		else if (pin == PIN_LOCKED)
			info->flags |= CKF_USER_PIN_LOCKED;
		pthread_mutex_unlock(&state_lock);
	}
	return chaos_after(&call, rv);
}

CHAOS_EXPORT ck_rv_t C_WaitForSlotEvent(ck_flags_t flags, ck_slot_id_t *slot, void *reserved)
{
	ck_rv_t rv;
	struct chaos_call call;

	if (chaos_before(&call, FN_C_WaitForSlotEvent, CHAOS_GENERAL, 0, &rv))
		return rv;
	return chaos_after(&call, chaos_real->C_WaitForSlotEvent(flags, slot, reserved));
}

CHAOS_EXPORT ck_rv_t C_CloseSession(ck_session_handle_t session)
{
	ck_rv_t rv;
	struct chaos_call call;

	/* Closing is always possible: a session of a pulled-out key is already closed. */
	if (chaos_before(&call, FN_C_CloseSession, CHAOS_GENERAL, session, &rv))
		return rv;
	return chaos_after(&call, chaos_real->C_CloseSession(session));
}

CHAOS_EXPORT ck_rv_t C_CloseAllSessions(ck_slot_id_t slot_id)
{
	ck_rv_t rv;
	struct chaos_call call;

	if (chaos_before(&call, FN_C_CloseAllSessions, CHAOS_GENERAL, slot_id, &rv))
		return rv;
	return chaos_after(&call, chaos_real->C_CloseAllSessions(slot_id));
}

CHAOS_EXPORT ck_rv_t C_Login(ck_session_handle_t session, ck_user_type_t user_type, unsigned char *pin_value, unsigned long pin_len)
{
	ck_rv_t rv;
	struct chaos_call call;
	int locked;

	if (chaos_before(&call, FN_C_Login, CHAOS_SESSION, session, &rv))
		return rv;
	pthread_mutex_lock(&state_lock);
	locked = user_type == CKU_USER && pin == PIN_LOCKED;
	pthread_mutex_unlock(&state_lock);
	if (locked)
		return chaos_after(&call, CKR_PIN_LOCKED);
	rv = chaos_real->C_Login(session, user_type, pin_value, pin_len);
	if (user_type == CKU_USER) {
		pthread_mutex_lock(&state_lock);
		if (pin != PIN_REAL && (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN))
			pin = PIN_NORMAL;
		else if (pin != PIN_REAL && rv == CKR_PIN_INCORRECT)
			pin = pin == PIN_NORMAL ? PIN_COUNT_LOW : pin == PIN_COUNT_LOW ? PIN_FINAL_TRY : PIN_LOCKED;
		pthread_mutex_unlock(&state_lock);
	}
	return chaos_after(&call, rv);
}

CHAOS_EXPORT ck_rv_t C_GetFunctionList(struct ck_function_list **list)
{
	if (list == NULL)
		return CKR_ARGUMENTS_BAD;
	pthread_once(&load_once, fill_list);
	if (load_rv != CKR_OK)
		return load_rv;
	*list = &chaos_list;
	return CKR_OK;
}
