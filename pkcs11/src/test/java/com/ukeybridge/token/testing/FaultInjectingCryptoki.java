package com.ukeybridge.token.testing;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.ukeybridge.pkcs11.jna.CkTokenInfo;
import com.ukeybridge.pkcs11.jna.Cryptoki;
import com.ukeybridge.pkcs11.jna.CryptokiLoader;
import com.ukeybridge.pkcs11.jna.Pkcs11Constants;
import com.ukeybridge.pkcs11.jna.UlongArray;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thin layer around a real PKCS#11 library (SoftHSM) that can make chosen calls fail, hide
 * slots (a token "pulled out"), pretend the PIN is blocked, or hold a call until released. Use
 * {@link #loader()} as the registry's {@link CryptokiLoader}. Thread-safe.
 */
public final class FaultInjectingCryptoki {
    /** Functions whose first argument is a session handle. */
    private static final Set<String> SESSION_FUNCTIONS = Set.of("C_CloseSession", "C_GetSessionInfo", "C_Login",
            "C_Logout", "C_CreateObject", "C_DestroyObject", "C_GetAttributeValue", "C_FindObjectsInit", "C_FindObjects",
            "C_FindObjectsFinal", "C_SignInit", "C_Sign", "C_GenerateKeyPair", "C_SetPIN");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Set<Long> hiddenSlots = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> sessionSlots = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, Long> hiddenLabels = new ConcurrentHashMap<>();
    private volatile Cryptoki lastWrapped;
    private volatile boolean pinLocked;
    private volatile long extraTokenFlags;
    private volatile Long readBackFailure;
    private volatile Long readBackTarget;
    private final java.util.concurrent.atomic.AtomicBoolean corruptValueRead = new java.util.concurrent.atomic.AtomicBoolean();

    private record Fault(String function, AtomicInteger countdown, long ckr) {
    }

    /** A call held until {@link #release()}; {@link #awaitEntered()} waits for it to arrive. */
    public static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        public void awaitEntered() throws InterruptedException {
            if (!entered.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the held call never came");
            }
        }

        public void release() {
            released.countDown();
        }
    }

    /** Loads the real library and wraps it in this layer. */
    public CryptokiLoader loader() {
        return library -> wrap(CryptokiLoader.jna().load(library));
    }

    /** Loads the real library at {@code library} and wraps it. */
    public Cryptoki wrap(Path library) {
        return wrap(CryptokiLoader.jna().load(library));
    }

    public Cryptoki wrap(Cryptoki real) {
        lastWrapped = real;
        return (Cryptoki) Proxy.newProxyInstance(Cryptoki.class.getClassLoader(), new Class<?>[] {Cryptoki.class},
                (proxy, method, args) -> invoke(real, method, args));
    }

    /** The {@code nth} call of {@code function} from now on (1 = the next) answers {@code ckr} without reaching the library. */
    public FaultInjectingCryptoki failCall(String function, int nth, long ckr) {
        faults.add(new Fault(function, new AtomicInteger(nth), ckr));
        return this;
    }

    public FaultInjectingCryptoki failNext(String function, long ckr) {
        return failCall(function, 1, ckr);
    }

    /** Forgets every fault not yet triggered. */
    public void clearFaults() {
        faults.clear();
        readBackFailure = null;
        readBackTarget = null;
    }

    /** The token in {@code slot} is "pulled out": not listed, its sessions answer {@code CKR_DEVICE_REMOVED}. */
    public void hideSlot(long slot) {
        hiddenSlots.add(slot);
    }

    /** The token in {@code slot} is "plugged back in". */
    public void showSlot(long slot) {
        hiddenSlots.remove(slot);
    }

    /** Hides the slot holding the token labelled {@code label}, as {@link #hideSlot}; the library must be initialised. */
    public void hideToken(String label) {
        Cryptoki real = lastWrapped;
        NativeLongByReference count = new NativeLongByReference(new NativeLong(0));
        real.C_GetSlotList((byte) 1, null, count);
        UlongArray slots = new UlongArray((int) count.getValue().longValue());
        real.C_GetSlotList((byte) 1, slots, count);
        for (int i = 0; i < count.getValue().longValue(); i++) {
            CkTokenInfo info = new CkTokenInfo();
            if (real.C_GetTokenInfo(new NativeLong(slots.get(i)), info).longValue() == 0
                    && new String(info.label, java.nio.charset.StandardCharsets.UTF_8).trim().equals(label)) {
                hiddenLabels.put(label, slots.get(i));
                hideSlot(slots.get(i));
                return;
            }
        }
        throw new IllegalArgumentException("no token labelled " + label);
    }

    /** Shows again the token hidden by {@link #hideToken}. */
    public void showToken(String label) {
        Long slot = hiddenLabels.remove(label);
        if (slot != null) {
            showSlot(slot);
        }
    }

    /** The first {@code C_GetAttributeValue} on the object the next {@code C_CreateObject} makes answers {@code ckr}: a failed read-back. */
    public void failReadBackOfNextCreatedObject(long ckr) {
        readBackTarget = null;
        readBackFailure = ckr;
    }

    /** The next {@code CKA_VALUE} read from the token comes back with its last byte flipped, as from a token that stored it wrongly. */
    public void corruptNextValueRead() {
        corruptValueRead.set(true);
    }

    /** While set, {@code C_Login} answers {@code CKR_PIN_LOCKED} and the token flags say the PIN is locked. */
    public void pinLocked(boolean locked) {
        pinLocked = locked;
    }

    /**
     * While non-zero, every {@code C_GetTokenInfo} answer carries these flags too, as a token
     * near locking reports {@code CKF_USER_PIN_COUNT_LOW} or {@code CKF_USER_PIN_FINAL_TRY}
     * (SoftHSM 2.6 never does); 0 stops.
     */
    public void addTokenFlags(long flags) {
        extraTokenFlags = flags;
    }

    /** Holds the next call of {@code function} until the returned gate is released. */
    public Gate hold(String function) {
        Gate gate = new Gate();
        gates.put(function, gate);
        return gate;
    }

    /** Every function called so far, in order. */
    public List<String> calls() {
        return Collections.unmodifiableList(new ArrayList<>(calls));
    }

    public long count(String function) {
        return calls.stream().filter(function::equals).count();
    }

    private Object invoke(Cryptoki real, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "toString" -> "FaultInjectingCryptoki(" + real + ")";
                case "hashCode" -> System.identityHashCode(this);
                case "equals" -> args[0] == this;
                default -> method.invoke(real, args);
            };
        }
        calls.add(name);
        Gate gate = gates.remove(name);
        if (gate != null) {
            gate.entered.countDown();
            gate.released.await();
        }
        for (Fault fault : faults) {
            if (fault.function.equals(name) && fault.countdown.decrementAndGet() == 0) {
                faults.remove(fault);
                endSigning(real, name, args);
                return new NativeLong(fault.ckr);
            }
        }
        Long failure = readBackFailure;
        if (name.equals("C_GetAttributeValue") && failure != null && readBackTarget != null
                && readBackTarget == ((NativeLong) args[1]).longValue()) {
            readBackFailure = null;
            readBackTarget = null;
            return new NativeLong(failure);
        }
        if (SESSION_FUNCTIONS.contains(name)) {
            Long slot = sessionSlots.get(((NativeLong) args[0]).longValue());
            if (slot != null && hiddenSlots.contains(slot)) {
                return new NativeLong(Pkcs11Constants.CKR_DEVICE_REMOVED);
            }
        }
        switch (name) {
            case "C_GetSlotList":
                return slotList(real, (byte) args[0], (Pointer) args[1], (NativeLongByReference) args[2]);
            case "C_GetTokenInfo":
            case "C_OpenSession":
            case "C_CloseAllSessions":
                if (hiddenSlots.contains(((NativeLong) args[0]).longValue())) {
                    return new NativeLong(Pkcs11Constants.CKR_TOKEN_NOT_PRESENT);
                }
                break;
            case "C_Login":
                if (pinLocked) {
                    return new NativeLong(Pkcs11Constants.CKR_PIN_LOCKED);
                }
                break;
            default:
                break;
        }
        Object result = call(real, method, args);
        if (name.equals("C_OpenSession") && ((NativeLong) result).longValue() == 0) {
            sessionSlots.put(((NativeLongByReference) args[4]).getValue().longValue(), ((NativeLong) args[0]).longValue());
        } else if (name.equals("C_GetTokenInfo") && (pinLocked || extraTokenFlags != 0)) {
            CkTokenInfo info = (CkTokenInfo) args[1];
            info.flags = new NativeLong(info.flags.longValue() | extraTokenFlags | (pinLocked ? Pkcs11Constants.CKF_USER_PIN_LOCKED : 0));
        } else if (name.equals("C_CreateObject") && ((NativeLong) result).longValue() == 0 && readBackFailure != null) {
            readBackTarget = ((NativeLongByReference) args[3]).getValue().longValue();
        } else if (name.equals("C_GetAttributeValue") && ((NativeLong) result).longValue() == 0) {
            corruptValue((com.ukeybridge.pkcs11.jna.CkAttribute[]) args[2]);
        } else if (name.equals("C_Finalize")) {
            sessionSlots.clear();
        }
        return result;
    }

    /**
     * A failed {@code C_Sign} ends the signing operation (PKCS#11 2.40, 5.11), so a token that
     * really failed would take a new {@code C_SignInit}. A faked failure must leave the library
     * in that state too, rather than with the operation still active.
     */
    private static void endSigning(Cryptoki real, String name, Object[] args) {
        if (name.equals("C_Sign")) {
            real.C_Sign((NativeLong) args[0], (byte[]) args[1], (NativeLong) args[2], new byte[8192],
                    new NativeLongByReference(new NativeLong(8192)));
        }
    }

    private void corruptValue(com.ukeybridge.pkcs11.jna.CkAttribute[] template) {
        for (com.ukeybridge.pkcs11.jna.CkAttribute attribute : template) {
            long length = attribute.ulValueLen.longValue();
            if (attribute.type.longValue() == Pkcs11Constants.CKA_VALUE && attribute.pValue != null && length > 0
                    && corruptValueRead.compareAndSet(true, false)) {
                attribute.pValue.setByte(length - 1, (byte) ~attribute.pValue.getByte(length - 1));
            }
        }
    }

    private NativeLong slotList(Cryptoki real, byte present, Pointer callerList, NativeLongByReference callerCount) {
        NativeLongByReference count = new NativeLongByReference(new NativeLong(0));
        NativeLong rv = real.C_GetSlotList(present, null, count);
        if (rv.longValue() != 0) {
            return rv;
        }
        int n = (int) count.getValue().longValue();
        List<Long> visible = new ArrayList<>();
        if (n > 0) {
            UlongArray all = new UlongArray(n);
            rv = real.C_GetSlotList(present, all, count);
            if (rv.longValue() != 0) {
                return rv;
            }
            for (int i = 0; i < count.getValue().longValue(); i++) {
                if (!hiddenSlots.contains(all.get(i))) {
                    visible.add(all.get(i));
                }
            }
        }
        if (callerList != null) {
            if (callerCount.getValue().longValue() < visible.size()) {
                callerCount.setValue(new NativeLong(visible.size()));
                return new NativeLong(Pkcs11Constants.CKR_BUFFER_TOO_SMALL);
            }
            for (int i = 0; i < visible.size(); i++) {
                callerList.setNativeLong((long) i * NativeLong.SIZE, new NativeLong(visible.get(i)));
            }
        }
        callerCount.setValue(new NativeLong(visible.size()));
        return new NativeLong(Pkcs11Constants.CKR_OK);
    }

    private static Object call(Cryptoki real, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
