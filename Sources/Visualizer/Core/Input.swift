/// A key press, decoded by the terminal layer.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right
    case enter, escape, backspace, tab
    case pageUp, pageDown
    /// Function key Fn (F1 help and F10 quit, as in htop and mc).
    case function(Int)
    /// A key the decoder does not name (its code).
    case other(Int)
}

public enum MouseButton: Hashable, Sendable {
    case left, right, middle
}

/// A mouse event at a screen cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press(MouseButton)
        case release
        /// Movement (with a button held, for terminals that report drags).
        case move
        case scrollUp, scrollDown
    }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Everything an app receives from the terminal.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}
