package com.ukeybridge.pkcs11;

import com.sun.jna.Memory;
import com.ukeybridge.pkcs11.jna.CkAttribute;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * A template laid out in native memory for one call. Keeps the value buffers reachable until
 * {@link #close()}, which also wipes them.
 */
final class NativeTemplate implements AutoCloseable {
    private final CkAttribute[] attributes;
    private final List<Memory> buffers = new ArrayList<>();

    NativeTemplate(List<Attribute> template) {
        attributes = CkAttribute.array(template.size());
        for (int i = 0; i < template.size(); i++) {
            Attribute a = template.get(i);
            byte[] value = a.value();
            attributes[i].type = Ulong.nl(a.type());
            attributes[i].ulValueLen = Ulong.nl(value.length);
            if (value.length > 0) {
                Memory m = Ulong.memory(value);
                buffers.add(m);
                attributes[i].pValue = m;
            }
        }
    }

    /** The {@code CK_ATTRIBUTE_PTR} argument, {@code null} for an empty template. */
    CkAttribute[] array() {
        return attributes;
    }

    com.sun.jna.NativeLong count() {
        return Ulong.nl(attributes == null ? 0 : attributes.length);
    }

    @Override
    public void close() {
        for (Memory m : buffers) {
            m.clear();
        }
        Reference.reachabilityFence(buffers);
        Reference.reachabilityFence(attributes);
    }
}
