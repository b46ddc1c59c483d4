package com.ukeybridge.skf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.ukeybridge.skf.jna.Packing;
import com.ukeybridge.skf.jna.Skf;

import java.lang.reflect.Proxy;

/**
 * What an SKF library answers, any bytes: name lists, {@code DEVINFO}, PIN information,
 * certificates, {@code ECCPUBLICKEYBLOB} and {@code ECCSIGNATUREBLOB}, from a library that is
 * only the fuzzer, as {@link SkfLibrary} decodes them. A failure is an {@link SkfException}
 * (an error code) or the {@link IllegalStateException} the binding throws for an answer it
 * cannot use ("the SKF library returned …"); never another exception or a read past a buffer.
 */
class SkfStructuresFuzzTest {
    private static final int SAR_OK = SarCode.SAR_OK.code();

    @FuzzTest
    void whenALibraryAnswersAnything_thenValuesOrTheBindingsRefusal(FuzzedDataProvider data) {
        SkfLibrary library = new SkfLibrary(fuzzedLibrary(data), data.pickValue(new int[] {Packing.NATURAL, Packing.PACKED}));
        Handles.Device device = new Handles.Device(new Pointer(1));
        Handles.Application app = new Handles.Application(new Pointer(2));
        Handles.Container container = new Handles.Container(new Pointer(3));
        try {
            switch (data.consumeInt(0, 8)) {
                case 0 -> library.enumDevices(true);
                case 1 -> library.deviceInfo(device);
                case 2 -> library.pinInfo(app, PinType.USER);
                case 3 -> library.enumApplications(device);
                case 4 -> library.enumContainers(app);
                case 5 -> library.exportCertificate(container, true);
                case 6 -> library.exportPublicKey(container, true);
                case 7 -> library.generateSigningKeyPair(container, 0x00020100);
                default -> library.signDigest(container, new byte[32]);
            }
        } catch (SkfException | IllegalStateException expected) {
            // an error code, or an answer the binding refuses
        }
    }

    /** A library whose answers are the fuzzer's: it fills what the C function would, within the room it was given. */
    private static Skf fuzzedLibrary(FuzzedDataProvider data) {
        return (Skf) Proxy.newProxyInstance(Skf.class.getClassLoader(), new Class<?>[] {Skf.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "fuzzed SKF library";
                        default:
                            break;
                    }
                    for (Object arg : args == null ? new Object[0] : args) {
                        fill(data, arg);
                    }
                    return data.consumeBoolean() ? SAR_OK : data.consumeInt();
                });
    }

    private static void fill(FuzzedDataProvider data, Object arg) {
        if (arg instanceof byte[] buffer) {
            byte[] bytes = data.consumeBytes(buffer.length);
            System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        } else if (arg instanceof IntByReference size) {
            size.setValue(data.consumeBoolean() ? data.consumeInt(0, 4096) : data.consumeInt());
        } else if (arg instanceof Memory memory) {
            byte[] bytes = data.consumeBytes((int) Math.min(memory.size(), 4096));
            memory.write(0, bytes, 0, bytes.length);
        } else if (arg instanceof Structure structure) {
            byte[] bytes = data.consumeBytes(structure.size());
            structure.getPointer().write(0, bytes, 0, bytes.length);
            structure.read();
        }
    }
}
