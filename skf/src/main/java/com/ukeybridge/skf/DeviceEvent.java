package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;

/** What {@code SKF_WaitForDevEvent} reported: a device by name, inserted or removed. */
public record DeviceEvent(String deviceName, Kind kind) {
    public enum Kind { INSERTED, REMOVED }

    static DeviceEvent of(String deviceName, int event) {
        return switch (event) {
            case SkfConstants.EVENT_DEVICE_INSERTED -> new DeviceEvent(deviceName, Kind.INSERTED);
            case SkfConstants.EVENT_DEVICE_REMOVED -> new DeviceEvent(deviceName, Kind.REMOVED);
            default -> throw new IllegalStateException("SKF_WaitForDevEvent reported unknown event " + event);
        };
    }
}
